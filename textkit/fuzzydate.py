"""EDTF values on records: validation and sortable bounds, with one error type for forms.

The parsing itself lives in textkit.dates_format; this module gives the model layer a single
exception to catch, and a fast path for the plain forms most records hold (``2003``,
``2003-05``, ``2003-05-17``, ``2003~`` and intervals of those), which the full grammar takes
milliseconds to parse. A test checks the fast path against the grammar.
"""

import calendar
import datetime
import re
from functools import lru_cache

from textkit.dates_format import edtf_bounds as _edtf_bounds

_PLAIN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?~?")


class FuzzyDateError(ValueError):
    """An EDTF value that does not parse or has no bounds."""


@lru_cache(maxsize=4096)
def edtf_bounds(value):
    """Return the (lower, upper) dates an EDTF value spans, or raise FuzzyDateError."""
    plain = plain_bounds(value)
    if plain is not None:
        return plain
    try:
        return _edtf_bounds(value)
    except ValueError as exc:
        raise FuzzyDateError(str(exc)) from exc


def plain_bounds(value):
    """Return the bounds of a plain point or interval of plain points, or None for other forms."""
    first, slash, last = value.partition("/")
    lower, upper = _point(first), _point(last if slash else first)
    if lower is None or upper is None or lower[0] > upper[1]:
        return None
    return lower[0], upper[1]


def _point(text):
    match = _PLAIN.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(group) if group else None for group in match.groups())
    try:
        if day:
            return datetime.date(year, month, day), datetime.date(year, month, day)
        if month:
            last = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1), datetime.date(year, month, last)
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    except (ValueError, calendar.IllegalMonthError):
        return None
