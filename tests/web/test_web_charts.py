"""The overview's hand-built SVG charts: a y axis with round ticks, empty periods kept, no bar clipped."""

from __future__ import annotations

import re

from newsledger.web import graphics, pages
from newsledger.web.models import ClaimOut, VoiceOut


def test_y_axis_has_round_ticks_from_zero_over_the_tallest_bar() -> None:
    chart = graphics.stacked_bars(
        [("2026-05-01", "CONSULT", 7), ("2026-05-01", "AGREE", 6), ("2026-05-02", "AGREE", 3)]
    )
    labels = [int(label) for _, label in chart.y_ticks]
    assert labels[0] == 0 and labels[-1] >= 13 and labels == sorted(labels)
    assert labels == [0, 5, 10, 15]
    ys = [y for y, _ in chart.y_ticks]
    assert ys[0] == chart.bottom and ys[-1] >= chart.top  # 0 at the axis, the top tick inside the plot
    assert graphics.nice_ticks(1) == [0, 1]
    assert graphics.nice_ticks(100) == [0, 20, 40, 60, 80, 100]
    assert graphics.nice_ticks(3) == [0, 1, 2, 3]


def test_the_tallest_bar_is_never_clipped() -> None:
    for top in (1, 9, 10, 11, 99, 101, 1234):
        chart = graphics.stacked_bars([("2026-05-01", "A", top), ("2026-05-02", "A", max(1, top // 3))])
        tallest = min(b.y for b in chart.bars)
        assert tallest >= chart.top, (top, tallest)
        assert all(b.y + b.h <= chart.bottom + 0.01 for b in chart.bars)
        assert all(b.x >= chart.left and b.x + b.w <= chart.width for b in chart.bars)


def test_empty_days_stay_on_the_time_axis() -> None:
    chart = graphics.stacked_bars([("2026-05-01", "A", 2), ("2026-05-04", "A", 1)], granularity="day")
    assert chart.periods == ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04"]
    xs = sorted(b.x for b in chart.bars)
    step = (chart.width - chart.left) / 4
    assert round(xs[1] - xs[0], 1) == round(3 * step, 1)  # the 4th slot, two empty ones between
    weeks = graphics.stacked_bars([("2026-04-27", "A", 1), ("2026-05-18", "A", 1)], granularity="week")
    assert weeks.periods == ["2026-04-27", "2026-05-04", "2026-05-11", "2026-05-18"]
    months = graphics.stacked_bars([("2025-11", "A", 1), ("2026-02", "A", 1)], granularity="month")
    assert months.periods == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_chart_svg_shows_the_y_axis() -> None:
    chart = graphics.stacked_bars([("2026-05-01", "A", 12)], granularity="day")
    svg = pages._env.from_string('{% from "_macros.html" import chart %}{{ chart(c, "Events") }}').render(c=chart)
    assert 'class="axis y-axis"' in svg
    assert [t for t in re.findall(r'class="tick y-tick">(\d+)<', svg)] == ["0", "5", "10", "15"]


def test_a_dense_claims_cell_is_capped_with_a_more_link() -> None:
    voices = [VoiceOut(name=f"Speaker {i:03d}", actor_id=f"p:speaker {i:03d}") for i in range(100)]
    claim = ClaimOut(claim_id="c7", text="Prices will fall", status="uncontested", first_article="a1",
                     first_published="2026-05-01", first_outlet=None, n_statements=100, n_articles=100,
                     n_sources=100, asserted_by=voices, confirmed_by=[], denied_by=[], neither_by=[], outlets=[])
    html = pages._env.from_string('{% from "_macros.html" import claims_table %}{{ claims_table(rows) }}').render(
        rows=[claim])
    assert html.count('href="/actors/Speaker%20') == 10
    assert '<a class="more" href="/claims/c7">and 90 more</a>' in html
