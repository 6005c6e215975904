"""Date ranges as each language writes them, without repeating what both ends share.

"16-18 June 2026", "30 June - 2 July 2026", "30 December 2026 - 2 January 2027" (with an en dash,
spaced between longer parts); in Italian "16-18 giugno 2026", in German "16.-18. Juni 2026", in
Croatian "16.-18. lipnja 2026.".

The shorter forms are cut from the active language's ``DATE_FORMAT`` (ours in
``wisebusiness/formats/`` or Django's), so a new language needs no entry here: the day alone is
the format up to the month ("j." of "j. E Y."), the day and month the format up to the year
("j. E"). A language that writes the month before the day keeps both dates whole.
"""

import datetime
from dataclasses import dataclass

from django.utils import formats
from django.utils.dateformat import format as format_date

DAY_TOKENS = set("dj")
MONTH_TOKENS = set("EFMNbmn")
YEAR_TOKENS = set("Yy")

# Unspaced between two numbers, spaced between two longer parts.
DASH = "\N{EN DASH}"


@dataclass(frozen=True)
class DateRange:
    """One or two dates to show, each with the text to print for it, and what goes between."""

    start: datetime.date
    start_text: str
    end: datetime.date | None = None
    end_text: str = ""
    separator: str = ""

    def __str__(self) -> str:
        return f"{self.start_text}{self.separator}{self.end_text}" if self.end else self.start_text


def _token_positions(date_format: str) -> dict[str, int]:
    """Where the first day, month and year tokens sit in a Django date format (escapes skipped)."""
    positions = {}
    escaped = False
    for index, char in enumerate(date_format):
        if escaped:
            escaped = False
            continue
        if char == "\\":
            escaped = True
            continue
        for kind, tokens in (("day", DAY_TOKENS), ("month", MONTH_TOKENS), ("year", YEAR_TOKENS)):
            if char in tokens:
                positions.setdefault(kind, index)
    return positions


def date_range(start: datetime.date, end: datetime.date | None) -> DateRange:
    """The range from ``start`` to ``end`` in the active language (one date when they are the same day)."""
    date_format = formats.get_format("DATE_FORMAT")
    if end is None or end == start:
        return DateRange(start, format_date(start, date_format))
    end_text = format_date(end, date_format)
    at = _token_positions(date_format)
    day_first = {"day", "month", "year"} <= set(at) and at["day"] < at["month"] < at["year"]
    if day_first and (start.year, start.month) == (end.year, end.month):
        start_format, separator = date_format[: at["month"]].rstrip(), DASH
    elif day_first and start.year == end.year:
        start_format, separator = date_format[: at["year"]].rstrip(" ,"), f" {DASH} "
    else:
        start_format, separator = date_format, f" {DASH} "
    return DateRange(start, format_date(start, start_format), end, end_text, separator)
