"""SVG geometry computed on the server: an actor's counterpart network and stacked bar charts.

Only numbers and strings come out; the templates write the SVG (and escape the text).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

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
    labels: list[tuple[float, str]]
    max_total: int
    periods: list[str]
    keys: list[str]
    table: dict[str, dict[str, int]]


def stacked_bars(buckets: list[tuple[str, str, int]], *, width: int = 720, height: int = 220) -> Chart:
    """A stacked bar per period, one colour per key (the most frequent keys first)."""
    periods = sorted({p for p, _, _ in buckets})
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
    bars: list[Bar] = []
    labels: list[tuple[float, str]] = []
    plot_h = height - 30
    if periods and top:
        step = width / len(periods)
        bw = max(2.0, min(48.0, step * 0.8))
        every = max(1, math.ceil(len(periods) / 12))
        for i, p in enumerate(periods):
            x = i * step + (step - bw) / 2
            y = float(plot_h)
            for k in keys:
                n = table[k].get(p, 0)
                if not n:
                    continue
                h = plot_h * n / top
                y -= h
                bars.append(Bar(round(x, 1), round(y, 1), round(bw, 1), round(h, 1), colours[k], f"{p} {k}: {n}"))
            if i % every == 0:
                labels.append((round(x + bw / 2, 1), p))
    return Chart(width, height, bars, [(k, colours[k]) for k in keys], labels, top, periods, keys, dict(table))
