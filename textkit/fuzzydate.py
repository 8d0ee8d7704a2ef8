"""EDTF values: validation, sortable bounds and precision."""
import datetime

from edtf import parse_edtf, struct_time_to_date
from edtf.parser.edtf_exceptions import EDTFParseException


class FuzzyDateError(ValueError):
    """An EDTF value that does not parse or has no bounds."""


def edtf_bounds(value):
    """Return the (lower, upper) dates an EDTF value spans, or raise FuzzyDateError."""
    parsed = parse(value)
    try:
        lower = struct_time_to_date(parsed.lower_strict())
        upper = struct_time_to_date(parsed.upper_strict())
    except (AttributeError, TypeError, ValueError, OverflowError) as exc:
        raise FuzzyDateError(f"EDTF value {value!r} has no usable bounds ({exc})") from exc
    if not isinstance(lower, datetime.date) or not isinstance(upper, datetime.date):
        raise FuzzyDateError(f"EDTF value {value!r} has an open end; give both ends")
    return lower, upper


def parse(value):
    """Return the parsed EDTF object for value, or raise FuzzyDateError naming it."""
    value = (value or "").strip()
    if not value:
        raise FuzzyDateError("empty EDTF value")
    try:
        return parse_edtf(value)
    except (EDTFParseException, ValueError, TypeError) as exc:
        raise FuzzyDateError(f"{value!r} is not a valid EDTF date (e.g. 2002, 2002-10, 2003~, 1999/2002)") from exc


def precision(value):
    """Return 'day', 'month', 'season', 'year' or 'range' for an EDTF value."""
    core = value.strip().rstrip("?~%")
    if "/" in core or ".." in core or "X" in core or "[" in core or "{" in core:
        return "range"
    parts = core.lstrip("-").split("-")
    if len(parts) >= 3:
        return "day"
    if len(parts) == 2:
        return "season" if int(parts[1]) > 12 else "month"
    return "year"
