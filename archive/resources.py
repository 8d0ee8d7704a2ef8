"""Spreadsheet resources for events and annotations (the whole archive as a bundle: services/bundles.py).

Events: ``slug, title, date_edtf`` (``title`` and ``date_edtf`` are the natural key),
``category, date_text, end_text, end_edtf, description, participants, organizations`` — the
last two as person or organisation slugs joined by ``|``. Annotations: the columns described
in ``archive.services.spreadsheets``. A bundle (a folder or a .zip) holds one CSV per table —
``organizations.csv``, ``people.csv`` (with aliases), ``roles.csv``, ``events.csv`` and
``annotations.csv`` — imported in that order, all or nothing.
"""

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from people.models import Organization, Person
from people.resources import SpreadsheetResource

from .models import Annotation, Event
from .services import annotation_rows
from .services import spreadsheets as csvio

SLUG_SEPARATOR = "|"


class SlugsWidget(widgets.ManyToManyWidget):
    """Slugs joined by ``|``; an unknown slug is an error, not silently dropped."""

    def __init__(self, model):
        super().__init__(model, separator=SLUG_SEPARATOR, field="slug")

    def slugs(self, value):
        return [slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()]

    def clean(self, value, row=None, **kwargs):
        slugs = self.slugs(value)
        found = self.model.objects.filter(slug__in=slugs)
        unknown = sorted(set(slugs) - {obj.slug for obj in found})
        if unknown:
            raise ValueError(
                _("unknown %(model)s “%(slugs)s”")
                % {"model": self.model._meta.verbose_name, "slugs": ", ".join(unknown)}
            )
        return found


class EventResource(SpreadsheetResource):
    participants = fields.Field("participants", "participants", SlugsWidget(Person), m2m_add=False)
    organizations = fields.Field("organizations", "organizations", SlugsWidget(Organization), m2m_add=False)

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "date_edtf",
            "category",
            "date_text",
            "end_text",
            "end_edtf",
            "description",
            "participants",
            "organizations",
        ]
        import_id_fields = ["title", "date_edtf"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        for name in ("participants", "organizations"):
            try:
                self.fields[name].clean(row)
            except ValueError as exc:
                errors[name] = ValidationError(str(exc))
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def list_changes(self, instance, row):
        return any(
            set(self.fields[name].widget.slugs(row.get(name)))
            != {obj.slug for obj in getattr(instance, name).all()}
            for name in ("participants", "organizations")
        )

    def get_queryset(self):
        return Event.objects.prefetch_related("participants", "organizations").order_by("title", "date_edtf")

    def export(self, *args, **kwargs):
        dataset = super().export(*args, **kwargs)
        dataset.title = "events"  # the XLSX sheet's name
        return dataset


class CellField(fields.Field):
    """One column of the annotation row format, rendered by ``csvio.annotation_cells``."""

    def __init__(self, column):
        super().__init__(attribute=None, column_name=column)

    def export(self, instance, **kwargs):
        return (
            csvio.annotation_cells(instance)[self.column_name]
            if instance is not None and instance.paragraph_id
            else ""
        )


class AnnotationResource(resources.ModelResource):
    """The admin's annotation import: the fast path's checks, row by row, with a diff per row."""

    class Meta:
        model = Annotation
        fields = csvio.COLUMNS
        import_id_fields = []
        skip_unchanged = True
        report_skipped = True

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        return CellField(field_name)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields = {column: CellField(column) for column in csvio.COLUMNS}

    def get_queryset(self):
        return csvio.export_queryset()

    def export(self, queryset=None, **kwargs):
        rows = csvio.annotation_rows(queryset)
        return tablib.Dataset(
            *[[row[c] for c in csvio.COLUMNS] for row in rows], headers=csvio.COLUMNS, title="annotations"
        )

    def before_import(self, dataset, **kwargs):
        missing = [column for column in annotation_rows.REQUIRED if column not in dataset.headers]
        if missing:
            raise ValueError(_("missing columns: %(missing)s") % {"missing": ", ".join(missing)})
        # Lock the articles first, so a double-clicked "Confirm import" runs once, then finds its rows.
        csvio.lock_articles({str(slug or "").strip() for slug in dataset["article"]})
        self.reader = annotation_rows.AnnotationRowReader(kwargs.get("user"))

    def get_or_init_instance(self, instance_loader, row):
        try:
            annotation, key = self.reader.read(self._line, row)
        except annotation_rows.RowErrors as exc:
            raise ValidationError(
                {error.column or "__all__": [error.reason] for error in exc.errors}
            ) from None
        self._candidate = annotation
        existing = self.reader.existing.get(key)
        return (existing, False) if existing else (annotation, True)

    def before_import_row(self, row, **kwargs):
        self._line = kwargs.get("row_number", 0) + 1

    def import_instance(self, instance, row, **kwargs):
        if instance is not self._candidate:
            self._changed = csvio._apply(instance, self._candidate)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return bool(instance.pk) and not self._changed and not import_validation_errors

    def after_init_instance(self, instance, new, row, **kwargs):
        self._changed = new

    def do_instance_save(self, instance, is_create):
        if not is_create:
            instance.version += 1
        instance.save()
