"""The cells of one step of a sheet (a row, or a grid column) as the step's keys; the rest into the narrative.

Both sheet shapes hand the cells of a step here, by field (``columns.py``).
Touchpoints get their channel, device and department from the vocabulary
(a channel guessed from the touchpoint's words when the sheet gives none);
feelings keep their words and get an emotion (``emotions.py``, ``scores.py``);
lists are split (``cells.py``). Whatever has no key goes under the phase in the
narrative. A value the vocabulary lacks is one problem per sheet, however many
rows name it.
"""

from __future__ import annotations

from typing import Any

from journeymaps.cli.importers import cells
from journeymaps.cli.importers.channels import guess
from journeymaps.cli.importers.drafts import DraftPhase, DraftStep
from journeymaps.cli.importers.emotions import feeling_score, on_scale
from journeymaps.cli.importers.lanes import FRONTSTAGE_KEY, SUPPORT_KEY, TIME_KEY
from journeymaps.cli.importers.scores import column_range, fraction, map_score, plain_number, round_away, show
from journeymaps.cli.importers.session import Session
from journeymaps.cli.mdtext import escape

_QUOTES = ('""', "''", "“”", "‘’", "«»")
_TERMS = {"device": "devices", "department": "departments", "channel": "channels"}


def unquote(text: str) -> str:
    """A quote without the quotation marks around it."""
    text = text.strip()
    if len(text) > 1 and text[0] + text[-1] in _QUOTES:
        return text[1:-1].strip()
    return text


class StepReader:
    """Turns the cells of steps of one sheet into steps."""

    def __init__(self, session: Session, display: str, ranges: dict[str, tuple[float, float] | None],
                 fields: set[str]) -> None:
        self.session = session
        self.fields = fields  # the fields the sheet has a column (or lane) for
        self.display = display
        self.ranges = ranges  # the range of a column of plain numbers, by field ('score', 'feeling')
        self.reported: set[tuple[str, str]] = set()
        self.lines: dict[str, int] = {}  # the line of each field's cell, for the step being read (a grid's lanes)

    def at(self, field: str, line: int) -> int:
        """The line of a field's cell of the current step (``line`` when the whole step is one row)."""
        return self.lines.get(field, line)

    def problem(self, line: int, field: str, message: str, key: tuple[str, str] | None = None) -> None:
        """A problem; with ``key``, only the first of its kind in this sheet."""
        if key is not None:
            if key in self.reported:
                return
            self.reported.add(key)
        self.session.problem(self.display, line, field, message)

    def note(self, line: int, message: str) -> None:
        """A note naming the sheet's line."""
        self.session.note(f"{self.display}:{line}: {message}")

    def step(self, values: dict[str, str], line: int, where: str, phase: DraftPhase,
             lines: dict[str, int] | None = None) -> DraftStep:
        """The step the cells describe (its action must not be empty); ``lines`` gives a line per field."""
        self.lines = lines or {}
        action = cells.one_line(values.get("action", ""))
        step = DraftStep(action, where)
        data = step.data
        if values.get("thinking"):
            data["thinking"] = "\n".join(unquote(line) for line in values["thinking"].strip().split("\n"))
        if values.get("feeling"):
            data["feeling"] = values["feeling"].strip()
        self._emotion(values, self.at("feeling", self.at("score", line)), step, phase)
        if values.get("moment_of_truth"):
            truth = cells.truth(values["moment_of_truth"])
            if truth is None:
                self.problem(self.at("moment_of_truth", line), "moment of truth",
                             f"'{values['moment_of_truth']}' is neither yes nor no")
            elif truth:
                data["moment_of_truth"] = True
        data["touchpoints"] = self._touchpoints(values, line, step, phase)
        data["pain_points"] = cells.items(values.get("pain_points", ""))
        data["opportunities"] = cells.items(values.get("opportunities", ""))
        data["evidence"] = self._evidence(values, step, phase)
        data["metrics"] = [cells.metric(item) for item in cells.items(values.get("metrics", ""))]
        data["backstage"] = cells.items(values.get("backstage", ""))
        lanes = (("support", SUPPORT_KEY, "Support:"), ("frontstage", FRONTSTAGE_KEY, "Frontstage:"),
                 ("time", TIME_KEY, "Time:"))
        for field, key, lead in lanes:
            found = cells.items(values.get(field, ""), names=field == "support")
            if not found:
                continue
            if key is None:
                phase.note(lead, f"{escape(action)}: {escape('; '.join(found))}")
            elif field == "time":
                data[key] = "; ".join(found)
            else:
                data[key] = [*data.get(key, []), *found]
        return step

    def _emotion(self, values: dict[str, str], line: int, step: DraftStep, phase: DraftPhase) -> None:
        """The emotion from the score, else from the feeling's number or words; what is not exact is noted."""
        scale = self.session.plan.scale
        words = values.get("feeling", "")
        score = values.get("score", "")
        found = self._number(score, "score") if score else None
        if score and found is None:
            phase.note("Scores as written:", f"{escape(step.action)}: {escape(score)}")
            self.note(line, f"the score '{score}' is not a number; it is kept in the narrative")
        if found is None and words:
            found = self._number(words, "feeling")
        from_words = None
        if words and plain_number(words) is None and fraction(words) is None:
            average, unknown = feeling_score(words)
            if average is not None:
                exact = on_scale(average, scale.min, scale.max)
                from_words = round_away(exact, scale.min, scale.max)
            elif not found:
                self.note(line, f"'{words}' names no emotion word the import knows ({', '.join(unknown)}); the "
                                "step has no emotion")
        if found is not None:
            step.data["emotion"] = found[0]
            if not found[1]:
                phase.note("Scores as written:", f"{escape(step.action)}: {escape(score or words)}")
            if from_words is not None and abs(from_words - found[0]) > 1:
                self.note(line, f"the feeling '{words}' reads as {from_words} but the score gives {found[0]}; "
                                "the score is used")
        elif from_words is not None:
            step.data["emotion"] = from_words

    def _number(self, text: str, field: str) -> tuple[int, bool] | None:
        """A number cell (``4``, ``4/5``, ``7 out of 10``) on the scale, and whether that was exact."""
        scale = self.session.plan.scale
        ratio = fraction(text)
        if ratio is not None:
            mapped = map_score(ratio[0], scale, self.session.settings.scores or ratio[1])
            return mapped.emotion, mapped.is_exact
        value = plain_number(text)
        source = self.session.settings.scores or self.ranges.get(field)
        if value is None or source is None:
            return None
        mapped = map_score(value, scale, source)
        return mapped.emotion, mapped.is_exact

    def term(self, kind: str, value: str, line: int) -> str | None:
        """The id of a device, department or channel written in the sheet (added with --extend-vocabulary)."""
        plan = self.session.plan
        found = plan.match(_TERMS[kind], value)
        if found is None and kind == "channel":
            guessed = guess(value, plan)
            if guessed is not None and guessed.channel is not None:
                self.note(line, f"the channel '{value}' is read as '{guessed.channel}' (from '{guessed.word}')")
                return guessed.channel
        if found is None and plan.extend:
            found = plan.add(_TERMS[kind], value)
        if found is None:
            self.problem(line, kind, f"the {kind} '{value}' is not in the vocabulary ({_TERMS[kind]}: "
                                     f"{', '.join(plan.ids(_TERMS[kind])) or 'none'}); write one of them in the "
                                     "sheet, or --extend-vocabulary adds it", key=(kind, value.casefold()))
        return found

    def _channel_of(self, name: str, line: int) -> str | None:
        """A channel guessed from a touchpoint's words, with a note; a problem when none can be."""
        plan = self.session.plan
        if plan.match("channels", name) is not None:
            return plan.match("channels", name)
        guessed = guess(name, plan)
        if guessed is not None and guessed.channel is not None:
            self.note(line, f"'{name}': channel {guessed.channel} (guessed from '{guessed.word}')")
            return guessed.channel
        if guessed is not None and guessed.kind is not None and plan.extend:
            channel = plan.match("channels", guessed.kind.name) or plan.add("channels", guessed.kind.name)
            self.note(line, f"'{name}': channel {channel} (guessed from '{guessed.word}'; added to the vocabulary)")
            return channel
        hint = (f", or --extend-vocabulary adds the channel '{guessed.kind.name}' it points to"
                if guessed is not None and guessed.kind is not None else "")
        self.problem(line, "touchpoint", f"the touchpoint '{name}' has no channel and none could be guessed from its "
                                         f"words; add a Channel column{hint}", key=("touchpoint", name.casefold()))
        return None

    def _spread(self, field: str, values: dict[str, str], count: int, line: int) -> list[str | None]:
        """A device/department/channel cell for ``count`` touchpoints: one for all, one each, else the first."""
        found = cells.items(values.get(field, ""), names=True)
        if not found:
            return [None] * count
        if len(found) == count:
            return list(found)
        if len(found) == 1:
            return found * count
        self.note(line, f"the {field} cell has {len(found)} items for {count} touchpoints; the first is used for "
                        f"each, the others are kept in the narrative")
        return [found[0]] * count

    def _touchpoints(self, values: dict[str, str], line: int, step: DraftStep,
                     phase: DraftPhase) -> list[dict[str, Any]]:
        names = cells.items(values.get("touchpoint", ""), names=True)
        channels = cells.items(values.get("channel", ""), names=True)
        from_channels = not names and bool(channels)
        if from_channels:  # a Channel column alone: each channel is a touchpoint, named as written
            names = channels
        kinds = {field: self._spread(field, values, len(names), line) for field in ("channel", "device", "department")}
        if from_channels:
            kinds["channel"] = list(channels)
        result = []
        for n, name in enumerate(names):
            touchpoint: dict[str, Any] = {"name": name}
            written = kinds["channel"][n]
            channel = self.term("channel", written, self.at("channel", line)) if written else \
                self._channel_of(name, self.at("touchpoint", line))
            if channel is not None:
                touchpoint["channel"] = channel
            for field in ("device", "department"):
                if kinds[field][n]:
                    found = self.term(field, kinds[field][n], self.at(field, line))
                    if found is not None:
                        touchpoint[field] = found
            contact = values.get("contact", "").strip().casefold()
            if contact in ("indirect", "no", "n"):
                touchpoint["contact"] = "indirect"
            elif contact not in ("", "direct", "yes", "y"):
                self.problem(self.at("contact", line), "contact",
                             f"'{values['contact']}' is neither direct nor indirect")
            result.append(touchpoint)
        for field in ("channel", "device", "department"):  # cells that name more than the touchpoints take
            extra = cells.items(values.get(field, ""), names=True)
            shared = from_channels and field == "channel"
            if extra and (not names or len(extra) not in (1, len(names))) and not shared:
                phase.note(f"{field.capitalize()}:", f"{escape(step.action)}: {escape(', '.join(extra))}")
        return result

    def _evidence(self, values: dict[str, str], step: DraftStep, phase: DraftPhase) -> list[dict[str, str]]:
        source = cells.one_line(values.get("source", ""))
        texts = cells.items(values.get("evidence", ""))
        if not texts and source and "evidence" not in self.fields:  # a Source column alone is what was found
            return [{"kind": "observation", "text": source}]
        if not texts and source:
            phase.note("Source:", f"{escape(step.action)}: {escape(source)}")
        found = []
        for text in texts:
            kind, body = cells.evidence(text)
            found.append({"kind": kind, "text": body, **({"source": source} if source else {})})
        return found


def score_ranges(columns: dict[str, list[str]], session: Session) -> dict[str, tuple[float, float] | None]:
    """The range each column of plain numbers is written in (by field), from all its cells."""
    ranges = {}
    for field, texts in columns.items():
        numbers = [v for v in (plain_number(t) for t in texts if t) if v is not None]
        ranges[field] = column_range(numbers, session.plan.scale)
    return ranges


def describe_range(found: tuple[float, float] | None) -> str:
    """``1..5`` for a note."""
    return f"{show(found[0])}..{show(found[1])}" if found else "not numbers"
