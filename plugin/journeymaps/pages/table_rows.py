"""The rows of the long tables across maps: touchpoints, pain points, opportunities and hand-offs.

These tables list every touchpoint of the portfolio on several pages (touchpoints,
each channel, each department, gaps); written as Jinja loops they took most of the
time of a large site's build. Here a row is joined from its cells, and the cells
that many rows share (a map, a persona, a channel, a score) are made once per page.
The templates keep the tables around the rows (``portfolio/_parts.html``), which
are not a template a site can override. Every text is escaped with MarkupSafe, as
Jinja's autoescaping would.
"""

from __future__ import annotations

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


def _e(text: object) -> str:
    """``markupsafe.escape``, without its cost for the many texts that have nothing to escape."""
    text = str(text)
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return str(escape(text))
    return text


class TableRows:
    """Renders table rows for one page after another; ``url`` is the address of the page being rendered."""

    def __init__(self, ctx: RenderContext, badges: Badges) -> None:
        self.ctx = ctx
        self.badges = badges
        self.stage_rank = ctx.vocabulary.stage_order()
        self._url: str | None = None
        self._cells: dict[tuple, str] = {}
        self._terms: dict[tuple[str, str | None], str] = {}  # escaped labels of vocabulary ids

    # --- cells -----------------------------------------------------------------------

    def _cache(self, url: str) -> dict[tuple, str]:
        if url != self._url:  # links are relative to the page: cells are shared within one page only
            self._url, self._cells = url, {}
        return self._cells

    def _link(self, url: str, to: str) -> str:
        return _e(addresses.href(url, to))

    def _term(self, kind: str, ident: str | None) -> str:
        found = self._terms.get((kind, ident))
        if found is None:
            found = self._terms[(kind, ident)] = _e(self.ctx.term(kind, ident))
        return found

    def _cell(self, url: str, key: tuple, make: Callable[[], str]) -> str:
        cells = self._cache(url)
        found = cells.get(key)
        if found is None:
            found = cells[key] = make()
        return found

    def journey_ref(self, url: str, place: Place) -> str:
        """The map's title linked, its type unless it is a current-state map, and its status."""
        entry = place.entry

        def make() -> str:
            j = entry.journey
            badge = "" if j.type == "current" else (
                f' <span class="jm-badge jm-type jm-type-{_e(j.type)}">{_e(MAP_TYPE_NAMES.get(j.type))}</span>')
            return (f'<a href="{self._link(url, addresses.journey_url(entry.id))}">{_e(j.title)}</a>{badge} '
                    f"{self.badges.statuses[j.status]}")

        return self._cell(url, ("journey-ref", entry.id), make)

    def journey(self, url: str, place: Place) -> str:
        """``<td>`` with the map's title linked, its type unless it is a current-state map, and its status."""
        return self._cell(url, ("journey", place.entry.id), lambda: f"<td>{self.journey_ref(url, place)}</td>")

    def persona(self, url: str, place: Place) -> str:
        """``<td>`` with the persona's name linked (its id when its file is not published)."""
        pid = place.entry.journey.persona

        def make() -> str:
            entry = self.ctx.personas.get(pid)
            if entry is None:
                return f"<td>{_e(pid)}</td>"
            return f'<td><a href="{self._link(url, addresses.persona_url(pid))}">{_e(entry.persona.name)}</a></td>'

        return self._cell(url, ("persona", pid), make)

    def step(self, url: str, place: Place, sort: str) -> str:
        """``<td>`` with the stage, the step number and the step's action linked."""
        return (f'<td data-sort="{sort}">{self._term("stages", place.stage)} · step {place.view.number}<br>'
                f'<a class="jm-step-ref" href="{self._link(url, place.step_url)}">{_e(place.view.step.action)}</a>'
                "</td>")

    def channel(self, url: str, channel: str) -> str:
        """``<td>`` with the channel linked."""
        return self._cell(url, ("channel", channel), lambda: (
            f'<td><a href="{self._link(url, addresses.channel_url(channel))}">{self._term("channels", channel)}</a>'
            "</td>"))

    def department(self, url: str, department: str | None, none: str = "No department") -> str:
        """``<td>`` with the department linked, or ``none`` muted."""

        def make() -> str:
            if not department:
                return f'<td><span class="jm-muted">{_e(none)}</span></td>'
            return (f'<td><a href="{self._link(url, addresses.department_url(department))}">'
                    f'{self._term("departments", department)}</a></td>')

        return self._cell(url, ("department", department, none), make)

    def emotion(self, value: int | None) -> str:
        """``<td>`` with the score badge, sorted by the score."""
        return f'<td class="jm-num" data-sort="{"" if value is None else value}">{self.badges.score(value)}</td>'

    # --- rows --------------------------------------------------------------------------

    def touchpoints(self, url: str, rows: Iterable[TouchpointUse], hide: Sequence[str] = (),
                    facets: bool = False) -> Markup:
        """One ``<tr>`` per touchpoint; ``hide`` names the persona, channel or department column to leave out."""
        out = []
        for t in rows:
            j, tp = t.journey, t.touchpoint
            attrs = ""
            if facets:  # what the filters of the touchpoints page match
                attrs = (f' data-persona="{_e(j.persona)}" data-stage="{_e(t.stage)}" '
                         f'data-channel="{_e(tp.channel)}" data-device="{_e(tp.device or "-")}" '
                         f'data-department="{_e(tp.department or "-")}" data-type="{_e(j.type)}"')
            indirect = ' <span class="jm-muted">(indirect)</span>' if tp.contact == "indirect" else ""
            cells = [f'<td><a href="{self._link(url, t.url)}">{_e(tp.name)}</a>{indirect}</td>',
                     self.journey(url, t)]
            if "persona" not in hide:
                cells.append(self.persona(url, t))
            cells.append(self.step(url, t, f"{self.stage_rank[t.stage]:03d}{t.position:07d}"))
            if "channel" not in hide:
                cells.append(self.channel(url, tp.channel))
            cells.append(f"<td>{self._term('devices', tp.device)}</td>")
            if "department" not in hide:
                cells.append(self.department(url, tp.department))
            cells.append(self.emotion(t.emotion))
            out.append(f"<tr{attrs}>{''.join(cells)}</tr>")
        return Markup("\n".join(out))

    def pains(self, url: str, pains: Iterable[PainPoint]) -> Markup:
        """One ``<tr>`` per pain point; the last cell is the score of the pain point's step, as a plain number.

        The score is the step's as a whole, not the pain point's: a pain point may sit on a step the customer still
        rates positive. A coloured badge with its word ("+1 Positive") beside a pain point reads as if the pain were
        positive, so the number is written without colour or word, under the heading "Step's score".
        """
        scale = self.ctx.scale
        return Markup("\n".join(
            f"<tr><td>{_e(pain.text)}</td>{self.journey(url, pain)}{self.persona(url, pain)}"
            f"{self.step(url, pain, str(self.stage_rank[pain.stage]))}"
            f'<td class="jm-num" data-sort="{"" if pain.emotion is None else pain.emotion}">'
            f'{"—" if pain.emotion is None else _e(format_level(pain.emotion, scale))}</td></tr>'
            for pain in pains
        ))

    def _use(self, url: str, o: OpportunityUse, prefix: str, title: str | None) -> str:
        """One use of an idea: its map (with badges), stage and step; ``title`` if it words the idea otherwise."""
        own = f' as “{_e(title)}”' if title else ""
        return (f'<li>{prefix}{self.journey_ref(url, o)}{own} · {self._term("stages", o.stage)}, '
                f'step {o.view.number}: <a class="jm-step-ref" href="{self._link(url, o.step_url)}">'
                f"{_e(o.view.step.action)}</a></li>")

    def ideas(self, url: str, ideas: Iterable[Idea], numbered: bool = True, show_owner: bool = True) -> Markup:
        """One ``<tr>`` per idea, both maps of a repeated one; ``numbered``: first its number from 1 (its mark's)."""
        out = []
        for number, idea in enumerate(ideas, start=1):
            quadrant = f' <span class="jm-badge jm-quadrant">{_e(idea.quadrant)}</span>' if idea.quadrant else ""
            owner = self.department(url, idea.owner, none="—") if show_owner else ""
            uses = []
            for o in idea.uses:
                prefix = ("Today: " if o.as_is else "Future: ") if idea.merged else ""
                other = o.opportunity.title if o.opportunity.title != idea.title else None
                uses.append(self._use(url, o, prefix, other))
            main = idea.main
            first = f'<td class="jm-num" data-sort="{number}">{number}</td>' if numbered else ""
            out.append(
                f'<tr>{first}<td>{_e(idea.title)}{quadrant}</td>'
                f'<td><ul class="jm-uses">{"".join(uses)}</ul></td>{self.persona(url, main)}{owner}'
                f'<td data-sort="{_LEVEL_RANK.get(idea.impact, "")}">{_e(idea.impact or "—")}</td>'
                f'<td data-sort="{_LEVEL_RANK.get(idea.effort, "")}">{_e(idea.effort or "—")}</td></tr>'
            )
        return Markup("\n".join(out))

    def steps(self, url: str, places: Iterable[Place]) -> Markup:
        """One ``<li>`` per step: its action linked, and its score."""
        return Markup("".join(
            f'<li><a href="{self._link(url, p.step_url)}">{_e(p.view.step.action)}</a> {self.badges.score(p.emotion)}'
            "</li>" for p in places
        ))

    def touchpoint_items(self, url: str, rows: Iterable[TouchpointUse]) -> Markup:
        """One ``<li>`` per touchpoint: its name linked, its channel and department."""
        out = []
        for t in rows:
            tp = t.touchpoint
            department = f" · {self._term('departments', tp.department)}" if tp.department else ""
            out.append(f'<li><a href="{self._link(url, t.url)}">{_e(tp.name)}</a> <span class="jm-muted">'
                       f"{self._term('channels', tp.channel)}{department}</span></li>")
        return Markup("".join(out))

    def _end(self, url: str, t: TouchpointUse) -> str:
        """A hand-off's touchpoint: linked, with its stage, step, channel, device and department."""

        def make() -> str:
            tp = t.touchpoint
            facts = [f"{self._term('stages', t.stage)}, step {t.view.number}", self._term("channels", tp.channel)]
            if tp.device:
                facts.append(self._term("devices", tp.device))
            if tp.department:
                facts.append(self._term("departments", tp.department))
            return (f'<td><a href="{self._link(url, t.url)}">{_e(tp.name)}</a><br>'
                    f'<span class="jm-muted">{" · ".join(facts)}</span></td>')

        return self._cell(url, ("end", t.entry.id, t.position), make)

    def handoffs(self, url: str, handoffs: Iterable[Handoff]) -> Markup:
        """One ``<tr>`` per hand-off, flagged where emotion drops."""
        out = []
        for h in handoffs:
            flag = ' <span class="jm-drop-flag">▼ emotion drops</span>' if h.drop else ""
            row = '<tr class="jm-drop">' if h.drop else "<tr>"
            out.append(
                f"{row}{self._end(url, h.source)}{self._end(url, h.target)}<td>{_e(', '.join(h.changes))}</td>"
                f'<td class="jm-nowrap">{self.badges.score(h.source.emotion)} → {self.badges.score(h.target.emotion)}'
                f"{flag}</td></tr>"
            )
        return Markup("\n".join(out))
