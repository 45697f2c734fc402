"""Parse periods as published (``2019``, ``2018/19``, ``2016-2018``, ``Jul 2010`` ...)
into machine-sortable start and end dates.

The rules, and why, are in ``docs/periods.md``. In short:

- ``2019``: the calendar year.
- ``2018/19``, ``2018-19``, ``18/2019``: a financial year, 1 April to 31 March; an
  academic year (1 August to 31 July) when the interval hint says ``Academic``.
- ``2016-2018``, ``00-2003``: the calendar years from the first to the last, inclusive.
- ``2004-07``: with the hint ``3 year`` (the span equals the length) three financial
  years, 2004/05 to 2006/07; with the hint ``4 year`` (span plus one) the calendar years
  2004 to 2007; without a hint, the calendar years.
- ``2017/18-2019/20``, ``2017/18 to 2019/20``: the financial years from the first to
  the last (any two periods joined by ``to``: from the start of the first to the end of
  the last).
- ``Jul 2010``, ``July 2010``, ``2016M08`` (statistics.gov.scot's form), ``1988 01``
  (the year and the month's number, as some Open SDG files have it): the month.
  ``2005-Q1``: the quarter.
- ``2019-01``: neither a month nor years (2019 to 2101): a two-digit end that runs into
  the next century is read only where the span is short (``1999-00``, ``1997-00``).
- ``2017-2021 (excl. 2020)``: the calendar years, with the exclusion kept in ``note``;
  ``2001-2005 (baseline)``: the calendar years, ``baseline`` kept in ``note``.

Anything else raises ``PeriodError``: we never guess.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_name) if name
}
# "Sept" is common in UK statistical releases.
MONTHS["sept"] = 9


class PeriodError(ValueError):
    """A period label we cannot read. The message says what forms are accepted."""


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    label: str
    note: str = ""

    @property
    def months(self) -> int:
        """Length in whole months, rounded (a calendar year is 12)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


ACCEPTED = (
    "2019, 2018/19, 2018-19, 2016-2018, 2004-07, 2017/18-2019/20, Jul 2010, 2016M08, 1988 01, "
    "2005-Q1, 2017-2021 (excl. 2020)"
)


CENTURY_TURN = 10
"""The longest span, in years, read from a two-digit end year in the next century
(``1997-00``); ``2019-01`` (82 years) is no range of years."""


def _year_end(year: int) -> date:
    return date(year, 12, 31)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _expand(start_year: int, short: str) -> int:
    """Expand a two-digit end year after ``start_year``: (1997, "00") -> 2000."""
    if len(short) == 4:
        return int(short)
    end = start_year // 100 * 100 + int(short)
    if end < start_year:
        end += 100
    return end


def _interval_years(hint: str | None) -> int | None:
    if not hint:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*years?\s*", hint, re.IGNORECASE)
    return int(m.group(1)) if m else None


def _split_year(first: int, hint: str | None) -> tuple[date, date]:
    """Start and end of the split year (financial or academic) that begins in ``first``."""
    if hint and hint.strip().lower() == "academic":
        return date(first, 8, 1), date(first + 1, 7, 31)
    return date(first, 4, 1), date(first + 1, 3, 31)


def parse_period(text: str, interval: str | None = None) -> Period:
    """Parse ``text`` as published. ``interval`` is the source's hint (``3 year``,
    ``Academic``, ...), used only where a label is ambiguous without it."""
    label = text
    s = " ".join(text.split())
    if not s:
        raise PeriodError("empty period")
    note = ""
    m = re.fullmatch(r"(.*?)\s*\((excl\.?|excluding)\s+([^)]+)\)", s, re.IGNORECASE)
    if m:
        s, note = m.group(1), f"excluding {m.group(3)}"
    elif m := re.fullmatch(r"(.*?)\s*\((baseline)\)", s, re.IGNORECASE):
        s, note = m.group(1), m.group(2).lower()
    try:
        start, end = _parse(s, interval, label)
    except PeriodError:
        raise
    except ValueError as error:  # a date that cannot exist, such as year 0
        raise PeriodError(f"period {label!r} is not a real date: {error}") from error
    if end < start:
        raise PeriodError(f"period {label!r} ends before it starts")
    return Period(start, end, label, note)


def _parse(s: str, interval: str | None, label: str) -> tuple[date, date]:
    if m := re.fullmatch(r"(.+?)\s+to\s+(.+)", s, re.IGNORECASE):
        start, _ = _parse(m.group(1), interval, label)
        _, end = _parse(m.group(2), interval, label)
        return start, end
    if m := re.fullmatch(r"(\d{4})", s):
        y = int(m.group(1))
        return date(y, 1, 1), _year_end(y)
    if m := re.fullmatch(r"(\d{4})\s*/\s*(\d{2}|\d{4})", s):
        first = int(m.group(1))
        _check_next(first, _expand(first, m.group(2)), label)
        return _split_year(first, interval)
    if m := re.fullmatch(r"(\d{2})\s*/\s*(\d{4})", s):
        last = int(m.group(2))
        if (last - 1) % 100 != int(m.group(1)):
            raise PeriodError(f"period {label!r}: the two years are not consecutive")
        return _split_year(last - 1, interval)
    if m := re.fullmatch(r"(\d{4})\s*/\s*(\d{2})\s*-\s*(\d{4})\s*/\s*(\d{2})", s):
        a, b = int(m.group(1)), int(m.group(3))
        _check_next(a, _expand(a, m.group(2)), label)
        _check_next(b, _expand(b, m.group(4)), label)
        if b < a:
            raise PeriodError(f"period {label!r} ends before it starts")
        return _split_year(a, interval)[0], _split_year(b, interval)[1]
    if m := re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", s):
        a, b = int(m.group(1)), int(m.group(2))
        return date(a, 1, 1), _year_end(b)
    if m := re.fullmatch(r"(\d{2})\s*-\s*(\d{4})", s):
        b = int(m.group(2))
        a = b // 100 * 100 + int(m.group(1))
        if a > b:
            a -= 100
        return date(a, 1, 1), _year_end(b)
    if m := re.fullmatch(r"(\d{4})\s*-\s*(\d{2})", s):
        a = int(m.group(1))
        b = _expand(a, m.group(2))
        span = b - a
        years = _interval_years(interval)
        if b // 100 != a // 100 and span > CENTURY_TURN:
            raise PeriodError(f"period {label!r}: not read as the years {a} to {b}, nor as a month")
        if span == 0:
            raise PeriodError(f"period {label!r} starts and ends in the same year")
        if years == span or (span == 1 and years in (None, 1)):
            return _split_year(a, interval)[0], _split_year(b - 1, interval)[1]
        return date(a, 1, 1), _year_end(b)
    if m := re.fullmatch(r"(\d{4})\s*-?\s*Q([1-4])", s, re.IGNORECASE):
        y, q = int(m.group(1)), int(m.group(2))
        return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    if m := re.fullmatch(r"(\d{4})M(0[1-9]|1[0-2])", s):
        y, numbered = int(m.group(1)), int(m.group(2))
        return date(y, numbered, 1), _month_end(y, numbered)
    if m := re.fullmatch(r"(\d{4}) (0[1-9]|1[0-2])", s):
        y, numbered = int(m.group(1)), int(m.group(2))
        return date(y, numbered, 1), _month_end(y, numbered)
    if m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{4})", s):
        month = MONTHS.get(m.group(1).lower())
        if month is None:
            raise PeriodError(f"period {label!r}: {m.group(1)!r} is not a month")
        y = int(m.group(2))
        return date(y, month, 1), _month_end(y, month)
    raise PeriodError(f"cannot read the period {label!r}; accepted forms: {ACCEPTED}")


def _check_next(first: int, second: int, label: str) -> None:
    if second != first + 1:
        raise PeriodError(f"period {label!r}: the two years are not consecutive")
