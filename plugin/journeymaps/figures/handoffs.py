"""Hand-offs: two consecutive touchpoints of a map that change channel, device or department."""

from __future__ import annotations

from dataclasses import dataclass

from journeymaps.figures.places import TouchpointUse
from journeymaps.model.types import Touchpoint

#: What a hand-off may change, in the order it is reported.
CHANGES = ("channel", "device", "department")


@dataclass(frozen=True)
class Handoff:
    """Two consecutive touchpoints of a map that change channel, device or department."""

    source: TouchpointUse
    target: TouchpointUse
    changes: tuple[str, ...]

    @property
    def drop(self) -> bool:
        """True when the emotion of the target's step is below that of the source's step."""
        a, b = self.source.emotion, self.target.emotion
        return a is not None and b is not None and b < a

    @property
    def departments(self) -> tuple[str | None, str | None]:
        """(from, to) department ids; None where a touchpoint names no department."""
        return self.source.touchpoint.department, self.target.touchpoint.department


def handoff_changes(a: Touchpoint, b: Touchpoint) -> tuple[str, ...]:
    """What changes from touchpoint ``a`` to ``b``.

    The channel is always known. A device or department counts as changed only
    when both touchpoints name one: a missing value is unknown, not different.
    """
    found = []
    for name in CHANGES:
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None and x != y:
            found.append(name)
    return tuple(found)


@dataclass(frozen=True)
class DepartmentPair:
    """Hand-offs from one department to another (None: a touchpoint without department)."""

    source: str | None
    target: str | None
    count: int
    drops: int
