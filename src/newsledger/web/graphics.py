"""SVG geometry computed on the server: an actor's counterpart network and stacked bar charts.

Only numbers and strings come out; the templates write the SVG (and escape the text).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsledger.web.highlight import actor_url

PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#2f4b7c", "#a05195",
)


@dataclass
class Node:
    name: str
    x: float
    y: float
    r: float
    href: str
    center: bool = False
    weight: int = 0


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    title: str


@dataclass
class Network:
    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def network(center: str, links: list[tuple[str, str, int]], *, size: int = 520, most: int = 16) -> Network:
    """The actor in the middle, its ``most`` strongest counterparts on a circle; edge width by count."""
    weights: dict[str, int] = defaultdict(int)
    relations: dict[str, list[str]] = defaultdict(list)
    for other, rel, n in links:
        weights[other] += n
        relations[other].append(f"{rel} ×{n}")
    chosen = sorted(weights, key=lambda o: (-weights[o], o))[:most]
    cx = cy = size / 2
    net = Network(size, size)
    net.nodes.append(Node(center, cx, cy, 26, actor_url(center), center=True, weight=sum(weights.values())))
    if not chosen:
        return net
    top = max(weights[o] for o in chosen)
    radius = size / 2 - 70
    for i, other in enumerate(chosen):
        angle = -math.pi / 2 + 2 * math.pi * i / len(chosen)
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        w = weights[other]
        net.edges.append(
            Edge(round(cx, 1), round(cy, 1), round(x, 1), round(y, 1), round(1 + 5 * w / top, 1),
                 f"{center} – {other}: " + ", ".join(relations[other]))
        )
        net.nodes.append(Node(other, round(x, 1), round(y, 1), round(8 + 8 * w / top, 1), actor_url(other), weight=w))
    return net


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    colour: str
    title: str


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar]
    legend: list[tuple[str, str]]
    labels: list[tuple[float, str]]  # x ticks: (x, period)
    max_total: int
    periods: list[str]
    keys: list[str]
    table: dict[str, dict[str, int]]
    y_ticks: list[tuple[float, str]] = field(default_factory=list)  # (y, count)
    left: float = 0.0  # the plot area: x from left to width, y from top to bottom
    top: float = 0.0
    bottom: float = 0.0


MARGIN_LEFT = 44  # room for the y axis' labels
MARGIN_TOP = 10  # room above the tallest bar (it never touches the edge)
MARGIN_BOTTOM = 30  # room for the x axis' labels


def nice_ticks(top: int, most: int = 5) -> list[int]:
    """0 and evenly spaced round counts (1, 2 or 5 times a power of ten) up to the first at or over ``top``."""
    if top <= 0:
        return [0, 1]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    return list(range(0, (math.ceil(top / step) * step) + 1, step))


def period_range(first: str, last: str, granularity: str) -> list[str]:
    """Every period from ``first`` to ``last`` (``YYYY-MM-DD`` days or week starts, ``YYYY-MM`` months)."""
    if granularity == "month":
        y, m = int(first[:4]), int(first[5:7])
        out: list[str] = []
        while f"{y:04d}-{m:02d}" <= last:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    step = timedelta(days=7 if granularity == "week" else 1)
    day, end = date.fromisoformat(first), date.fromisoformat(last)
    days: list[str] = []
    while day <= end:
        days.append(day.isoformat())
        day += step
    return days


def stacked_bars(
    buckets: list[tuple[str, str, int]], *, width: int = 720, height: int = 220, granularity: str | None = None
) -> Chart:
    """A stacked bar per period, one colour per key (the most frequent keys first), with a y axis of counts.

    With ``granularity`` (day, week or month) the periods with nothing in them between
    the first and the last are kept, as empty bars, so that the x axis is a time axis.
    """
    periods = sorted({p for p, _, _ in buckets})
    if granularity and periods:
        periods = period_range(periods[0], periods[-1], granularity)
    totals: dict[str, int] = defaultdict(int)
    by_key: dict[str, int] = defaultdict(int)
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for p, k, n in buckets:
        totals[p] += n
        by_key[k] += n
        table[k][p] = n
    keys = sorted(by_key, key=lambda k: (-by_key[k], k))
    colours = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}
    top = max(totals.values(), default=0)
    ticks = nice_ticks(top)
    scale_top = ticks[-1]
    bottom = float(height - MARGIN_BOTTOM)
    plot_h = bottom - MARGIN_TOP
    plot_w = width - MARGIN_LEFT
    bars: list[Bar] = []
    labels: list[tuple[float, str]] = []
    if periods and top:
        step = plot_w / len(periods)
        bw = max(1.0, min(48.0, step * 0.8))
        every = max(1, math.ceil(len(periods) / 10))
        for i, p in enumerate(periods):
            x = MARGIN_LEFT + i * step + (step - bw) / 2
            y = bottom
            for k in keys:
                n = table[k].get(p, 0)
                if not n:
                    continue
                h = plot_h * n / scale_top
                y -= h
                bars.append(Bar(round(x, 1), round(y, 2), round(bw, 1), round(h, 2), colours[k], f"{p} {k}: {n}"))
            if i % every == 0:
                labels.append((round(x + bw / 2, 1), p))
    y_ticks = [(round(bottom - plot_h * t / scale_top, 1), str(t)) for t in ticks]
    return Chart(width, height, bars, [(k, colours[k]) for k in keys], labels, top, periods, keys, dict(table),
                 y_ticks=y_ticks, left=MARGIN_LEFT, top=MARGIN_TOP, bottom=bottom)
