"""Date expressions resolved against a publication date (a Sunday: 2025-02-09)."""

from __future__ import annotations

import pytest

from newsledger.nlp import timex

PUB = "2025-02-09"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next week", ("2025-02-10", "2025-02-16")),
        ("last week", ("2025-01-27", "2025-02-02")),
        ("this month", ("2025-02-01", "2025-02-28")),
        ("earlier this month", ("2025-02-01", "2025-02-28")),
        ("last year", ("2024-01-01", "2024-12-31")),
        ("yesterday", ("2025-02-08", "2025-02-08")),
        ("today", ("2025-02-09", "2025-02-09")),
        ("tomorrow", ("2025-02-10", "2025-02-10")),
        ("on Tuesday", ("2025-02-04", "2025-02-04")),
        ("Friday night", ("2025-02-07", "2025-02-07")),
        ("three years ago", ("2022-01-01", "2022-12-31")),
        ("in 2019", ("2019-01-01", "2019-12-31")),
        ("March 2024", ("2024-03-01", "2024-03-31")),
        ("February 3, 2025", ("2025-02-03", "2025-02-03")),
        ("3 February 2025", ("2025-02-03", "2025-02-03")),
        ("2025-01-20", ("2025-01-20", "2025-01-20")),
        ("Jan. 5", ("2025-01-05", "2025-01-05")),
        ("within 24 hours of taking office", (None, None)),
    ],
)
def test_resolve(text: str, expected: tuple[str | None, str | None]) -> None:
    assert timex.resolve(text, PUB) == expected


def test_future_weekday() -> None:
    assert timex.resolve("on Tuesday", PUB, future=True) == ("2025-02-11", "2025-02-11")


def test_no_publication_date() -> None:
    assert timex.resolve("next week", None) == (None, None)
    assert timex.resolve("May 4, 2021", None) == ("2021-05-04", "2021-05-04")
