"""The hand-off flow of ``gaps/``: who hands the customer to whom, as inline SVG drawn on the server.

The departments (or channels) the customer comes from stand on the left, those they are handed
to on the right; a band joins them, as thick as the number of hand-offs. The part of a band where
the emotion drops is drawn in the site's warm colour (emotion below neutral), on top, the rest in
grey; every node says its numbers in words, so neither colour nor thickness has to be read. The
``<desc>`` gives every link, and the page puts the same numbers in a table below the figure.
Hand-offs within one department (or channel) are not drawn: the page lists them apart.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from journeymaps.figures.flows import Flow, Link

_WIDTH, _LABEL, _BAR, _TOP = 560, 150, 10, 8
_X0 = _LABEL + 6  # left bars
_X1 = _WIDTH - _LABEL - 6 - _BAR  # right bars
_GAP, _SLOT = 12, 30  # between nodes; the least height a node takes, so that its two lines of text fit
_THIN = 0.8  # the thinnest band drawn


def _count_words(count: int, drops: int, direction: str) -> str:
    return f"{count} {direction}" + (f" · {drops} ▼" if drops else "")


def _band(x0: float, y0: float, x1: float, y1: float, h: float) -> str:
    """A band of thickness ``h`` from (x0, y0) down to (x1, y1), its top edge given."""
    xm = round((x0 + x1) / 2, 1)
    return (f"M{x0} {y0:.1f} C{xm} {y0:.1f} {xm} {y1:.1f} {x1} {y1:.1f} L{x1} {y1 + h:.1f} "
            f"C{xm} {y1 + h:.1f} {xm} {y0 + h:.1f} {x0} {y0 + h:.1f} Z")


def flow_figure(flow: Flow, name: Callable[[str | None], str], label: str) -> Markup:
    """The figure of the links between two different nodes of ``flow``; ``name`` writes a node's name."""
    links = list(flow.between)
    total = sum(x.count for x in links)
    if not total:
        return Markup("")
    sources = [n for n in flow.order if flow.out_of(n)[0]]
    targets = [n for n in flow.order if flow.into(n)[0]]
    # Pixels per hand-off: the bars of the busiest side take about 360 pixels, whatever the number of hand-offs
    # (a band of one hand-off in a large portfolio is drawn at least _THIN thick, and may then overlap its neighbour).
    unit = min(14.0, 360 / total)

    def place(nodes: list[str | None], size: Callable[[str | None], int]) -> dict[str | None, float]:
        tops, y = {}, float(_TOP)
        for node in nodes:
            tops[node] = y
            y += max(size(node) * unit, _SLOT) + _GAP
        return tops

    left = place(sources, lambda n: flow.out_of(n)[0])
    right = place(targets, lambda n: flow.into(n)[0])
    height = max(max(left[n] + max(flow.out_of(n)[0] * unit, _SLOT) for n in sources),
                 max(right[n] + max(flow.into(n)[0] * unit, _SLOT) for n in targets)) + _TOP
    rank = {n: i for i, n in enumerate(flow.order)}
    out_y = dict(left)
    in_y = dict(right)
    bands = []
    # Stack each node's bands in the order of the nodes at their other end, so that bands cross as little as can be.
    for link in sorted(links, key=lambda x: (rank[x.source], rank[x.target])):
        y0 = out_y[link.source]
        out_y[link.source] += link.count * unit
        bands.append((link, y0))
    placed: list[tuple[Link, float, float]] = []
    for link, y0 in sorted(bands, key=lambda b: (rank[b[0].target], rank[b[0].source])):
        y1 = in_y[link.target]
        in_y[link.target] += link.count * unit
        placed.append((link, y0, y1))
    parts = []
    a, b = _X0 + _BAR, _X1
    for link, y0, y1 in sorted(placed, key=lambda p: (rank[p[0].source], rank[p[0].target])):
        title = (f"{name(link.source)} to {name(link.target)}: {link.count} hand-off{'s' if link.count != 1 else ''}"
                 f", {link.drops} where emotion drops")
        drop_h = link.drops * unit
        keep_h = (link.count - link.drops) * unit
        shapes = []
        if drop_h:
            shapes.append(f'<path class="jm-flow-drop" d="{_band(a, y0, b, y1, max(drop_h, _THIN))}"/>')
        if keep_h:
            band = _band(a, y0 + drop_h, b, y1 + drop_h, max(keep_h, _THIN))
            shapes.append(f'<path class="jm-flow-keep" d="{band}"/>')
        parts.append(f'<g class="jm-flow-link" data-from="{escape(link.source or "")}" '
                     f'data-to="{escape(link.target or "")}" data-count="{link.count}" data-drops="{link.drops}">'
                     f"<title>{escape(title)}</title>{''.join(shapes)}</g>")
    for nodes, tops, x, anchor, tx, side in ((sources, left, _X0, "end", _X0 - 6, "out"),
                                            (targets, right, _X1, "start", _X1 + _BAR + 6, "in")):
        for node in nodes:
            count, drops = flow.out_of(node) if side == "out" else flow.into(node)
            top = tops[node]
            h = count * unit
            mid = top + max(h, _SLOT) / 2
            muted = " jm-flow-none" if node is None else ""
            parts.append(
                f'<rect class="jm-flow-node{muted}" x="{x}" y="{top:.1f}" width="{_BAR}" height="{h:.1f}"/>'
                f'<text class="jm-flow-name{muted}" x="{tx}" y="{mid - 2:.1f}" text-anchor="{anchor}">'
                f"{escape(name(node))}</text>"
                f'<text class="jm-flow-count" x="{tx}" y="{mid + 11:.1f}" text-anchor="{anchor}">'
                f"{escape(_count_words(count, drops, side))}</text>")
    description = "; ".join(
        f"{name(x.source)} to {name(x.target)}: {x.count}, {x.drops} where emotion drops" for x in links)
    return Markup(
        f'<svg class="jm-flow" viewBox="0 0 {_WIDTH} {height:.0f}" width="{_WIDTH}" role="img" '
        f'aria-label="{escape(label)}"><desc>{escape(description)}</desc>{"".join(parts)}</svg>'
    )
