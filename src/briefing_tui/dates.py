"""Dates of known precision: "2021-03-22", "2021-03" or "2021".

Sources often do not state a full date. We keep the precision we know rather than inventing a
day, and compare dates as intervals: "2021" is not before "2021-03-22", it contains it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def parse_partial(value: str) -> tuple[int, int | None, int | None]:
    """Parse a partial ISO date; raise ValueError when it is not one (or not a real date)."""
    m = _DATE.match(value.strip()) if isinstance(value, str) else None
    if not m:
        raise ValueError(f"not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
    y = int(m.group(1))
    if y < 1:  # year 0000 does not exist (the calendar goes from 1 BC to AD 1)
        raise ValueError(f"year out of range: {value!r}")
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    if mo is not None and not 1 <= mo <= 12:
        raise ValueError(f"month out of range: {value!r}")
    if d is not None:
        date(y, mo or 1, d)  # raises ValueError for 2021-02-30
    return y, mo, d


def is_valid(value: object) -> bool:
    try:
        parse_partial(value)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return False
    return True


def date_sort_key(value: str | None) -> tuple[int, int, int]:
    """Sort key: unknown dates first, then by the earliest day the value may mean."""
    if not value:
        return (0, 0, 0)
    try:
        y, mo, d = parse_partial(value)
    except ValueError:
        return (0, 0, 0)
    return (y, mo or 0, d or 0)


def bounds(value: str) -> tuple[date, date]:
    """First and last day a partial date may mean."""
    y, mo, d = parse_partial(value)
    if d is not None:
        day = date(y, mo, d)  # type: ignore[arg-type]
        return day, day
    if mo is not None:
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    return date(y, 1, 1), date(y, 12, 31)


def definitely_before(a: str, b: str) -> bool:
    """True when every day `a` may mean is before every day `b` may mean."""
    return bounds(a)[1] < bounds(b)[0]


def format_nl(value: str | None) -> str:
    """Dutch long form: "22 maart 2021", "maart 2021", "2021"; "" when unknown."""
    if not value:
        return ""
    try:
        y, mo, d = parse_partial(value)
    except ValueError:
        return value
    if mo is None:
        return str(y)
    if d is None:
        return f"{MONTHS_NL[mo - 1]} {y}"
    return f"{d} {MONTHS_NL[mo - 1]} {y}"


def prinsjesdag(year: int) -> date:
    """Third Tuesday of September: the day a new parliamentary year starts."""
    first = date(year, 9, 1)
    first_tuesday = 1 + (1 - first.weekday()) % 7
    return date(year, 9, first_tuesday + 14)


def vergaderjaar(value: str | None) -> str | None:
    """The parliamentary year of a date, as "2018-2019".

    A year alone, or September without a day, may straddle two parliamentary years: None.
    """
    if not value:
        return None
    try:
        y, mo, d = parse_partial(value)
    except ValueError:
        return None
    if mo is None:
        return None
    if mo != 9:
        return f"{y}-{y + 1}" if mo > 9 else f"{y - 1}-{y}"
    if d is None:
        return None
    return f"{y}-{y + 1}" if date(y, 9, d) >= prinsjesdag(y) else f"{y - 1}-{y}"
