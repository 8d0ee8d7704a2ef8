"""Fuzzy dates on models: the phrase, its EDTF value and sortable bounds.

A fuzzy date is four columns sharing a prefix (``start_text``, ``start_edtf``, ``start_lower``,
``start_upper``). The bounds are derived from the EDTF value on save, never typed by hand.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from textkit.fuzzydate import FuzzyDateError, edtf_bounds


def validate_edtf(value):
    """Raise ValidationError unless value is a parseable EDTF date with both bounds."""
    if not value:
        return
    try:
        edtf_bounds(value)
    except FuzzyDateError as exc:
        raise ValidationError(str(exc), code="invalid_edtf") from exc


def text_field(label):
    return models.CharField(
        format_lazy(_("{label} as written"), label=label),
        max_length=120,
        blank=True,
        help_text=_("The phrase as the source gives it, e.g. 2002年10月末, 次年, 今年1月."),
    )


def edtf_field(label):
    return models.CharField(
        format_lazy(_("{label} (EDTF)"), label=label),
        max_length=60,
        blank=True,
        validators=[validate_edtf],
        help_text=_("What the phrase means, no more precise than it: 2002-10, 2003~, 1999/2002."),
    )


def bound_field(label, which):
    return models.DateField(
        format_lazy(_("{label}, {which} bound"), label=label, which=which),
        null=True,
        blank=True,
        editable=False,
    )


def derive_bounds(instance, prefix):
    """Set ``<prefix>_lower`` and ``<prefix>_upper`` from ``<prefix>_edtf`` (cleared when empty)."""
    value = getattr(instance, f"{prefix}_edtf")
    lower = upper = None
    if value:
        try:
            lower, upper = edtf_bounds(value)
        except FuzzyDateError as exc:
            raise ValidationError({f"{prefix}_edtf": str(exc)}) from exc
    setattr(instance, f"{prefix}_lower", lower)
    setattr(instance, f"{prefix}_upper", upper)


def check_span(instance, start, end):
    """Raise ValidationError (on ``<end>_edtf``) when a span's end comes before its start."""
    try:
        derive_bounds(instance, start)
        derive_bounds(instance, end)
    except ValidationError:
        return  # the field's own validator names the bad EDTF value
    lower, upper = getattr(instance, f"{start}_lower"), getattr(instance, f"{end}_upper")
    if lower and upper and lower > upper:
        raise ValidationError(
            {
                f"{end}_edtf": _("The end (%(end)s) comes before the start (%(start)s).")
                % {"end": getattr(instance, f"{end}_edtf"), "start": getattr(instance, f"{start}_edtf")}
            },
            code="span_reversed",
        )


def bounds_constraint(model_label, prefix):
    """Return a CheckConstraint keeping a fuzzy date's bounds in order and paired."""
    lower, upper = f"{prefix}_lower", f"{prefix}_upper"
    return models.CheckConstraint(
        condition=Q(**{f"{lower}__isnull": True, f"{upper}__isnull": True})
        | Q(**{f"{lower}__lte": F(upper)}),
        name=f"{model_label}_{prefix}_bounds_ordered",
    )
