"""The rows of the long tables across maps: touchpoints, pain points, opportunities and hand-offs.

These tables list every touchpoint of the portfolio on several pages (touchpoints,
each channel, each department, gaps); written as Jinja loops they took most of the
time of a large site's build. Here a row is joined from its cells, and each row is
rendered once per build: its links are written against a root token, which each
page replaces with its own way up to the site's root (``../../`` and so on: the parts
of a listing live at different depths). The templates keep the tables around the rows
(``portfolio/_parts.html``), which are not a template a site can override. Every text
is escaped with MarkupSafe, as Jinja's autoescaping would.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence

from markupsafe import Markup, escape

from journeymaps.figures.analysis import format_level
from journeymaps.figures.handoffs import Handoff
from journeymaps.figures.ideas import Idea
from journeymaps.figures.places import LEVELS, OpportunityUse, PainPoint, Place, TouchpointUse
from journeymaps.model import addresses
from journeymaps.model.types import MAP_TYPE_NAMES
from journeymaps.pages.badges import Badges
from journeymaps.pages.context import RenderContext

_LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}
#: Where a row's links start before a page puts its way to the root there: drawn once per process, so that no
#: text of a map can hold it (texts are escaped, and the token is in no map).
_ROOT = f"jm-root-{secrets.token_hex(6)}/"
#: The touchpoint table's columns that a page may leave out, in the order of their cells.
_TOUCHPOINT_COLUMNS = ("name", "journey", "persona", "step", "channel", "device", "department", "emotion")


def _e(text: object) -> str:
    """``markupsafe.escape``, without its cost for the many texts that have nothing to escape."""
    text = str(text)
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return str(escape(text))
    return text


def root_of(url: str) -> str:
    """The relative way from the page at ``url`` (site-relative, a directory address) up to the site's root."""
    return "../" * url.count("/")


def placed(url: str, html: str) -> Markup:
    """Rows rendered against the root token, with their links made relative to the page at ``url``."""
    return Markup(html.replace(_ROOT, root_of(url)))


class TableRows:
    """Renders table rows for one page after another; ``url`` is the address of the page being rendered.

    A row is rendered the first time a page asks for it and kept for the build, its links against the root token;
    each call puts the page's own way to the root in its place (:func:`placed`).
    """

    def __init__(self, ctx: RenderContext, badges: Badges) -> None:
        self.ctx = ctx
        self.badges = badges
        self.stage_rank = ctx.vocabulary.stage_order()
        self._cells: dict[tuple, str] = {}  # cells many rows share (a map, a persona...), against the root token
        self._rows: dict[tuple[str, int], tuple[object, list[str]]] = {}  # a row's cells, by kind and id(item)
        self._terms: dict[tuple[str, str | None], str] = {}  # escaped labels of vocabulary ids

    # --- cells -----------------------------------------------------------------------

    @staticmethod
    def _link(to: str) -> str:
        return _ROOT + _e(to)

    def _term(self, kind: str, ident: str | None) -> str:
        found = self._terms.get((kind, ident))
        if found is None:
            found = self._terms[(kind, ident)] = _e(self.ctx.term(kind, ident))
        return found

    def _cell(self, key: tuple, make: Callable[[], str]) -> str:
        found = self._cells.get(key)
        if found is None:
            found = self._cells[key] = make()
        return found

    def _row(self, kind: str, item: object, make: Callable[[], list[str]]) -> list[str]:
        """The cells of ``item``'s row, made once per build (the item is kept, so that its id stays its own)."""
        found = self._rows.get((kind, id(item)))
        if found is None:
            found = self._rows[(kind, id(item))] = (item, make())
        return found[1]

    def _journey_ref(self, place: Place) -> str:
        entry = place.entry

        def make() -> str:
            j = entry.journey
            badge = "" if j.type == "current" else (
                f' <span class="jm-badge jm-type jm-type-{_e(j.type)}">{_e(MAP_TYPE_NAMES.get(j.type))}</span>')
            return (f'<a href="{self._link(addresses.journey_url(entry.id))}">{_e(j.title)}</a>{badge} '
                    f"{self.badges.statuses[j.status]}")

        return self._cell(("journey-ref", entry.id), make)

    def journey_ref(self, url: str, place: Place) -> Markup:
        """The map's title linked, its type unless it is a current-state map, and its status."""
        return placed(url, self._journey_ref(place))

    def _journey(self, place: Place) -> str:
        return self._cell(("journey", place.entry.id), lambda: f"<td>{self._journey_ref(place)}</td>")

    def _persona(self, place: Place) -> str:
        pid = place.entry.journey.persona

        def make() -> str:
            entry = self.ctx.personas.get(pid)
            if entry is None:
                return f"<td>{_e(pid)}</td>"
            return f'<td><a href="{self._link(addresses.persona_url(pid))}">{_e(entry.persona.name)}</a></td>'

        return self._cell(("persona", pid), make)

    def _step(self, place: Place, sort: str) -> str:
        return (f'<td data-sort="{sort}">{self._term("stages", place.stage)} · step {place.view.number}<br>'
                f'<a class="jm-step-ref" href="{self._link(place.step_url)}">{_e(place.view.step.action)}</a>'
                "</td>")

    def _channel(self, channel: str) -> str:
        return self._cell(("channel", channel), lambda: (
            f'<td><a href="{self._link(addresses.channel_url(channel))}">{self._term("channels", channel)}</a>'
            "</td>"))

    def _department(self, department: str | None, none: str = "No department") -> str:
        def make() -> str:
            if not department:
                return f'<td><span class="jm-muted">{_e(none)}</span></td>'
            return (f'<td><a href="{self._link(addresses.department_url(department))}">'
                    f'{self._term("departments", department)}</a></td>')

        return self._cell(("department", department, none), make)

    def emotion(self, value: int | None) -> str:
        """``<td>`` with the score badge, sorted by the score."""
        return f'<td class="jm-num" data-sort="{"" if value is None else value}">{self.badges.score(value)}</td>'

    # --- rows --------------------------------------------------------------------------

    def touchpoint_cells(self, t: TouchpointUse) -> list[str]:
        """The cells of a touchpoint's row (every column), against the root token."""

        def make() -> list[str]:
            tp = t.touchpoint
            indirect = ' <span class="jm-muted">(indirect)</span>' if tp.contact == "indirect" else ""
            return [f'<td><a href="{self._link(t.url)}">{_e(tp.name)}</a>{indirect}</td>', self._journey(t),
                    self._persona(t), self._step(t, f"{self.stage_rank[t.stage]:03d}{t.position:07d}"),
                    self._channel(tp.channel), f"<td>{self._term('devices', tp.device)}</td>",
                    self._department(tp.department), self.emotion(t.emotion)]

        return self._row("touchpoint", t, make)

    def touchpoints(self, url: str, rows: Iterable[TouchpointUse], hide: Sequence[str] = (),
                    facets: bool = False) -> Markup:
        """One ``<tr>`` per touchpoint; ``hide`` names the persona, channel or department column to leave out.

        ``facets`` is kept for templates written before the filters read the listing's data file; it adds nothing.
        """
        keep = [i for i, column in enumerate(_TOUCHPOINT_COLUMNS) if column not in hide]
        everything = len(keep) == len(_TOUCHPOINT_COLUMNS)
        out = []
        for t in rows:
            cells = self.touchpoint_cells(t)
            out.append("<tr>" + "".join(cells if everything else [cells[i] for i in keep]) + "</tr>")
        return placed(url, "\n".join(out))

    def pains(self, url: str, pains: Iterable[PainPoint]) -> Markup:
        """One ``<tr>`` per pain point; the last cell is the score of the pain point's step, as a plain number.

        The score is the step's as a whole, not the pain point's: a pain point may sit on a step the customer still
        rates positive. A coloured badge with its word ("+1 Positive") beside a pain point reads as if the pain were
        positive, so the number is written without colour or word, under the heading "Step's score".
        """
        scale = self.ctx.scale

        def make(pain: PainPoint) -> list[str]:
            return [f"<tr><td>{_e(pain.text)}</td>{self._journey(pain)}{self._persona(pain)}"
                    f"{self._step(pain, str(self.stage_rank[pain.stage]))}"
                    f'<td class="jm-num" data-sort="{"" if pain.emotion is None else pain.emotion}">'
                    f'{"—" if pain.emotion is None else _e(format_level(pain.emotion, scale))}</td></tr>']

        return placed(url, "\n".join(self._row("pain", pain, lambda p=pain: make(p))[0] for pain in pains))

    def _use(self, o: OpportunityUse, prefix: str, title: str | None) -> str:
        """One use of an idea: its map (with badges), stage and step; ``title`` if it words the idea otherwise."""
        own = f' as “{_e(title)}”' if title else ""
        return (f'<li>{prefix}{self._journey_ref(o)}{own} · {self._term("stages", o.stage)}, '
                f'step {o.view.number}: <a class="jm-step-ref" href="{self._link(o.step_url)}">'
                f"{_e(o.view.step.action)}</a></li>")

    def _idea_cells(self, idea: Idea) -> list[str]:
        """(title, uses, persona, owner, impact and effort) cells of an idea's row."""

        def make() -> list[str]:
            quadrant = f' <span class="jm-badge jm-quadrant">{_e(idea.quadrant)}</span>' if idea.quadrant else ""
            uses = []
            for o in idea.uses:
                prefix = ("Today: " if o.as_is else "Future: ") if idea.merged else ""
                other = o.opportunity.title if o.opportunity.title != idea.title else None
                uses.append(self._use(o, prefix, other))
            return [f"<td>{_e(idea.title)}{quadrant}</td>", f'<td><ul class="jm-uses">{"".join(uses)}</ul></td>',
                    self._persona(idea.main), self._department(idea.owner, none="—"),
                    f'<td data-sort="{_LEVEL_RANK.get(idea.impact, "")}">{_e(idea.impact or "—")}</td>'
                    f'<td data-sort="{_LEVEL_RANK.get(idea.effort, "")}">{_e(idea.effort or "—")}</td>']

        return self._row("idea", idea, make)

    def ideas(self, url: str, ideas: Iterable[Idea], numbered: bool = True, show_owner: bool = True,
              start: int = 1) -> Markup:
        """One ``<tr>`` per idea, both maps of a repeated one; ``numbered``: first its number from ``start``."""
        out = []
        for number, idea in enumerate(ideas, start=start):
            title, uses, persona, owner, levels = self._idea_cells(idea)
            first = f'<td class="jm-num" data-sort="{number}">{number}</td>' if numbered else ""
            out.append(f"<tr>{first}{title}{uses}{persona}{owner if show_owner else ''}{levels}</tr>")
        return placed(url, "\n".join(out))

    def steps(self, url: str, places: Iterable[Place]) -> Markup:
        """One ``<li>`` per step: its action linked, and its score."""
        return placed(url, "".join(
            f'<li><a href="{self._link(p.step_url)}">{_e(p.view.step.action)}</a> {self.badges.score(p.emotion)}'
            "</li>" for p in places
        ))

    def touchpoint_items(self, url: str, rows: Iterable[TouchpointUse]) -> Markup:
        """One ``<li>`` per touchpoint: its name linked, its channel and department."""
        out = []
        for t in rows:
            tp = t.touchpoint
            department = f" · {self._term('departments', tp.department)}" if tp.department else ""
            out.append(f'<li><a href="{self._link(t.url)}">{_e(tp.name)}</a> <span class="jm-muted">'
                       f"{self._term('channels', tp.channel)}{department}</span></li>")
        return placed(url, "".join(out))

    def _end(self, t: TouchpointUse) -> str:
        """A hand-off's touchpoint: linked, with its stage, step, channel, device and department."""

        def make() -> str:
            tp = t.touchpoint
            facts = [f"{self._term('stages', t.stage)}, step {t.view.number}", self._term("channels", tp.channel)]
            if tp.device:
                facts.append(self._term("devices", tp.device))
            if tp.department:
                facts.append(self._term("departments", tp.department))
            return (f'<td><a href="{self._link(t.url)}">{_e(tp.name)}</a><br>'
                    f'<span class="jm-muted">{" · ".join(facts)}</span></td>')

        return self._cell(("end", t.entry.id, t.position), make)

    def handoffs(self, url: str, handoffs: Iterable[Handoff]) -> Markup:
        """One ``<tr>`` per hand-off, flagged where emotion drops."""
        out = []
        for h in handoffs:
            flag = ' <span class="jm-drop-flag">▼ emotion drops</span>' if h.drop else ""
            row = '<tr class="jm-drop">' if h.drop else "<tr>"
            out.append(
                f"{row}{self._end(h.source)}{self._end(h.target)}<td>{_e(', '.join(h.changes))}</td>"
                f'<td class="jm-nowrap">{self.badges.score(h.source.emotion)} → {self.badges.score(h.target.emotion)}'
                f"{flag}</td></tr>"
            )
        return placed(url, "\n".join(out))
