"""Where the customer is handed on: hand-offs counted from one department (or channel) to another.

The counts use the maps of the journey as customers live it today (the as-is types), as the
department pairs of :mod:`journeymaps.figures.portfolio` do: a future map describes a journey
that does not exist yet. A hand-off *within* one department (or one channel) changes only the
channel or the device (or the device or the department): it is counted apart from the flow
between two of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from journeymaps.figures.handoffs import DepartmentPair, Handoff
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.types import AS_IS_TYPES


@dataclass(frozen=True)
class Link:
    """Hand-offs from one department or channel to another (None: a touchpoint without a department)."""

    source: str | None
    target: str | None
    count: int
    drops: int  # of them, where the emotion drops

    @property
    def within(self) -> bool:
        """True for hand-offs that stay with one department (or channel)."""
        return self.source == self.target


@dataclass(frozen=True)
class Flow:
    """Every link of one kind (departments or channels), the links between two apart from those within one."""

    kind: str  # "department" or "channel"
    between: tuple[Link, ...]  # most first
    within: tuple[Link, ...]  # most first
    order: tuple[str | None, ...]  # the ids in the order the figure draws them (vocabulary order, None last)

    @property
    def total(self) -> int:
        """Every hand-off counted."""
        return sum(link.count for link in (*self.between, *self.within))

    @property
    def drops(self) -> int:
        """Every hand-off counted where the emotion drops."""
        return sum(link.drops for link in (*self.between, *self.within))

    def out_of(self, node: str | None) -> tuple[int, int]:
        """(hand-offs, drops) from ``node`` to another."""
        links = [x for x in self.between if x.source == node]
        return sum(x.count for x in links), sum(x.drops for x in links)

    def into(self, node: str | None) -> tuple[int, int]:
        """(hand-offs, drops) to ``node`` from another."""
        links = [x for x in self.between if x.target == node]
        return sum(x.count for x in links), sum(x.drops for x in links)


def _flow(kind: str, links: Iterable[Link], vocabulary: Sequence[str]) -> Flow:
    rank = {ident: i for i, ident in enumerate(vocabulary)}

    def node_key(ident: str | None) -> tuple:
        return (ident is None, rank.get(ident, len(rank)) if ident is not None else 0, ident or "")

    ordered = sorted(links, key=lambda x: (-x.count, node_key(x.source), node_key(x.target)))
    named = {ident for x in ordered for ident in (x.source, x.target)}
    return Flow(kind, tuple(x for x in ordered if not x.within), tuple(x for x in ordered if x.within),
                tuple(sorted(named, key=node_key)))


def department_flow(pairs: Iterable[DepartmentPair], departments: Sequence[str]) -> Flow:
    """The department pairs of the portfolio (as-is maps) as a flow."""
    return _flow("department", (Link(p.source, p.target, p.count, p.drops) for p in pairs), departments)


def channel_flow(handoffs: Mapping[str, list[Handoff]], journeys: Mapping[str, JourneyEntry],
                 channels: Sequence[str]) -> Flow:
    """Hand-offs from one channel to another in the as-is maps."""
    return _flow("channel", _count(handoffs, journeys, lambda h: (h.source.touchpoint.channel,
                                                                  h.target.touchpoint.channel)), channels)


def _count(handoffs: Mapping[str, list[Handoff]], journeys: Mapping[str, JourneyEntry],
           key: Callable[[Handoff], tuple[str | None, str | None]]) -> list[Link]:
    counts: Counter = Counter()
    drops: Counter = Counter()
    for jid, found in handoffs.items():
        entry = journeys.get(jid)
        if entry is None or entry.journey.type not in AS_IS_TYPES:
            continue
        for h in found:
            counts[key(h)] += 1
            drops[key(h)] += h.drop
    return [Link(a, b, n, drops[(a, b)]) for (a, b), n in counts.items()]


@dataclass(frozen=True)
class NodeDrops:
    """A department's hand-offs (to, from or within it) in today's maps, and how many of them lose emotion."""

    node: str | None
    handoffs: int
    drops: int


def drops_by_node(flow: Flow) -> list[NodeDrops]:
    """Every department (or channel) of a flow by the hand-offs involving it where emotion drops, most first.

    A hand-off between two departments counts for both; one within a department counts once.
    """
    handoffs: Counter = Counter()
    drops: Counter = Counter()
    for link in (*flow.between, *flow.within):
        for node in {link.source, link.target}:
            handoffs[node] += link.count
            drops[node] += link.drops
    rank = {node: i for i, node in enumerate(flow.order)}
    return sorted((NodeDrops(node, handoffs[node], drops[node]) for node in handoffs),
                  key=lambda n: (-n.drops, -n.handoffs, rank[n.node]))
