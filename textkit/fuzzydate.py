"""EDTF values on records: validation and sortable bounds, with one error type for forms.

The parsing itself lives in textkit.dates_format; this module gives the model layer a single
exception to catch.
"""
from textkit.dates_format import edtf_bounds as _edtf_bounds


class FuzzyDateError(ValueError):
    """An EDTF value that does not parse or has no bounds."""


def edtf_bounds(value):
    """Return the (lower, upper) dates an EDTF value spans, or raise FuzzyDateError."""
    try:
        return _edtf_bounds(value)
    except ValueError as exc:
        raise FuzzyDateError(str(exc)) from exc
