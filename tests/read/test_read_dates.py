from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.read import parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-09", "2025-02-09"),
        ("2025-02-09T23:30:00-05:00", "2025-02-09"),
        ("2025-02-09 10:00:00Z", "2025-02-09"),
        ("February 9, 2025", "2025-02-09"),
        ("9 Feb 2025", "2025-02-09"),
        ("2025/02/09", "2025-02-09"),
        ("Sun, 09 Feb 2025 10:00:00 GMT", "2025-02-09"),
        ("Sun, 09 Feb 2025 23:10:00 -0500", "2025-02-09"),
        ("Feb 9, 2025 4:15 PM EST", "2025-02-09"),
        ("1739095200", "2025-02-09"),
        ("  9 February 2025  ", "2025-02-09"),
    ],
)
def test_common_forms(value: str, expected: str) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["", "   ", "yesterday", "Feb 2025", "2025-13-40", "not a date", "12", "0001-01-01"])
def test_unparseable_is_none(value: str) -> None:
    assert parse_date(value) is None


@given(st.text(max_size=40))
def test_never_crashes(value: str) -> None:
    result = parse_date(value)
    assert result is None or (len(result) == 10 and result[4] == "-" and result[7] == "-")
