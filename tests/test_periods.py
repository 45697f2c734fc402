"""Period labels as published -> machine-sortable start and end dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_scripts.periods import PeriodError, parse_period

years = st.integers(min_value=1900, max_value=2098)


@pytest.mark.parametrize(
    ("label", "hint", "start", "end"),
    [
        ("2019", None, date(2019, 1, 1), date(2019, 12, 31)),
        ("2018-19", None, date(2018, 4, 1), date(2019, 3, 31)),
        ("2018/19", None, date(2018, 4, 1), date(2019, 3, 31)),
        ("2018/19", "Academic", date(2018, 8, 1), date(2019, 7, 31)),
        ("2016-2018", None, date(2016, 1, 1), date(2018, 12, 31)),
        ("2004-07", None, date(2004, 1, 1), date(2007, 12, 31)),
        ("2004-07", "3 year", date(2004, 4, 1), date(2007, 3, 31)),
        ("2004-07", "4 year", date(2004, 1, 1), date(2007, 12, 31)),
        ("1997-00", "3 year", date(1997, 4, 1), date(2000, 3, 31)),
        ("2017/18-2019/20", None, date(2017, 4, 1), date(2020, 3, 31)),
        ("1999/00-2001/02", None, date(1999, 4, 1), date(2002, 3, 31)),
        ("Jul 2010", None, date(2010, 7, 1), date(2010, 7, 31)),
        ("July 2010", None, date(2010, 7, 1), date(2010, 7, 31)),
        ("Feb 2020", None, date(2020, 2, 1), date(2020, 2, 29)),
        ("2016M08", None, date(2016, 8, 1), date(2016, 8, 31)),
        ("1988 01", None, date(1988, 1, 1), date(1988, 1, 31)),
        ("1991 09", None, date(1991, 9, 1), date(1991, 9, 30)),
        ("1999-00", None, date(1999, 4, 1), date(2000, 3, 31)),
        ("2005-Q1", None, date(2005, 1, 1), date(2005, 3, 31)),
        ("2004-Q4", None, date(2004, 10, 1), date(2004, 12, 31)),
        ("00-2003", None, date(2000, 1, 1), date(2003, 12, 31)),
        ("09/2010", None, date(2009, 4, 1), date(2010, 3, 31)),
        (" 2019 ", None, date(2019, 1, 1), date(2019, 12, 31)),
    ],
)
def test_published_forms(label: str, hint: str | None, start: date, end: date) -> None:
    period = parse_period(label, hint)
    assert (period.start, period.end) == (start, end)
    assert period.label == label


def test_open_sdg_forms() -> None:
    span = parse_period("2007/08 to 2008/09")
    assert (span.start, span.end) == (date(2007, 4, 1), date(2009, 3, 31))
    assert parse_period("2000 Q1").end == date(2000, 3, 31)
    baseline = parse_period("2001-2005 (baseline)")
    assert (baseline.start, baseline.end, baseline.note) == (
        date(2001, 1, 1),
        date(2005, 12, 31),
        "baseline",
    )
    with pytest.raises(PeriodError):
        parse_period("2019/20 to 2017/18")


def test_exclusion_is_kept_as_a_note() -> None:
    period = parse_period("2017-2021 (excl. 2020)")
    assert (period.start, period.end) == (date(2017, 1, 1), date(2021, 12, 31))
    assert period.note == "excluding 2020"


@pytest.mark.parametrize(
    "label",
    [
        "",
        "   ",
        "2019-2019x",
        "201",
        "Smarch 2019",
        "2019/21",
        "2019-19",
        "2021-2019",
        "2019/20-2017/18",
        "Q5 2019",
        "2019-Q5",
        "2016M13",
        "2016M8",
        "1988 13",
        "1988 1",
        "2019-01",
        "last year",
        "18/2020",
        "0000",
        "9999/00",
    ],
)
def test_fails_loudly_on_what_it_cannot_read(label: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(label)


@given(years)
def test_calendar_year_is_the_whole_year(y: int) -> None:
    p = parse_period(str(y))
    assert (p.start, p.end, p.months) == (date(y, 1, 1), date(y, 12, 31), 12)


@given(years, st.sampled_from(["/", "-"]))
def test_split_years_last_twelve_months(y: int, sep: str) -> None:
    p = parse_period(f"{y}{sep}{(y + 1) % 100:02d}")
    assert p.start == date(y, 4, 1)
    assert p.end == date(y + 1, 3, 31)
    assert p.months == 12


@given(years, st.integers(min_value=1, max_value=6))
def test_ranges_cover_their_years_and_sort_by_start(y: int, span: int) -> None:
    p = parse_period(f"{y}-{y + span}")
    assert p.start == date(y, 1, 1) and p.end == date(y + span, 12, 31)
    later = parse_period(f"{y + 1}-{y + 1 + span}")
    assert p < later


@given(years, st.integers(min_value=1, max_value=5))
def test_rolling_financial_years_with_matching_hint(y: int, span: int) -> None:
    p = parse_period(f"{y}-{(y + span) % 100:02d}", f"{span} year")
    assert p.start == date(y, 4, 1)
    assert p.end == date(y + span, 3, 31)


@given(years, st.integers(min_value=1, max_value=12))
def test_months_have_their_own_length(y: int, month: int) -> None:
    import calendar

    name = calendar.month_abbr[month]
    p = parse_period(f"{name} {y}")
    assert p.start == date(y, month, 1)
    assert p.end.day == calendar.monthrange(y, month)[1]


@given(st.text(max_size=30))
def test_anything_either_parses_to_an_ordered_period_or_raises(text: str) -> None:
    try:
        p = parse_period(text)
    except PeriodError:
        return
    assert p.start <= p.end
