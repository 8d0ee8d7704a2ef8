"""Spreadsheet import/export of authority records (people, organisations, roles).

Columns (one header row; the order on export is the order below):

- people: ``slug, name, description, aliases`` — aliases as ``kind:name`` joined by `` | ``
  (kind: nickname, english, former, romanization, other).
- organizations: ``slug, name, kind, parent, description, aliases`` — ``parent`` a slug;
  aliases ``kind:name`` or ``kind:name@from@to`` (EDTF dates a rename was in use).
- roles: ``person, title, organization, start_edtf`` (the natural key), ``place, start_text,
  end_text, end_edtf, sequence, current, notes``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from core.spreadsheets import LIST_SEPARATOR

from .models import Alias, Organization, OrganizationAlias, Person, Role


class KeyWidget(widgets.ForeignKeyWidget):
    """Look a record up by a text key and say which one is unknown."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("unknown %(model)s “%(value)s”") % {"model": self.model._meta.verbose_name, "value": value}
            ) from None


class SpreadsheetResource(resources.ModelResource):
    """A ModelResource whose rows are text, checked for duplicate keys, skipped when unchanged."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._seen = {}

    def before_import(self, dataset, **kwargs):
        self._seen = {}

    def before_import_row(self, row, **kwargs):
        key = tuple(str(row.get(column) or "").strip() for column in self.get_import_id_fields())
        first = self._seen.setdefault(key, kwargs.get("row_number"))
        if first != kwargs.get("row_number"):
            column = self.get_import_id_fields()[0]
            raise ValidationError(
                {
                    column: _("duplicate key %(key)s, first given in data row %(row)s")
                    % {"key": "|".join(key), "row": first}
                }
            )

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None  # an unknown key: import_instance reports it against its column

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return "" if value is None else str(value)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original is None or not original.pk:
            return False
        return all(
            self.export_field(f, instance) == self.export_field(f, original) for f in self.get_import_fields()
        ) and not self.list_changes(original, row)

    def list_changes(self, instance, row):
        """Return whether the row changes a list cell (aliases) of the stored instance."""
        return False


class AliasesField(fields.Field):
    """A `` | ``-joined list of ``kind:name`` aliases, written after the record is saved."""

    def __init__(self, model, **kwargs):
        super().__init__(attribute=None, column_name="aliases", **kwargs)
        self.alias_model = model

    def parse(self, cell):
        kinds = set(self.alias_model.Kind.values)
        aliases = []
        for entry in filter(None, (part.strip() for part in (cell or "").split("|"))):
            kind, sep, rest = entry.partition(":")
            if not sep or kind not in kinds:
                raise ValueError(
                    _("alias “%(entry)s” is not kind:name with kind one of %(kinds)s")
                    % {"entry": entry, "kinds": ", ".join(sorted(kinds))}
                )
            aliases.append((kind, *rest.split("@")) if "@" in rest else (kind, rest))
        return aliases


class AliasesMixin:
    """Export, check and save the aliases column of people and organisations."""

    def dehydrate_aliases(self, obj):
        return LIST_SEPARATOR.join(self.alias_entry(alias) for alias in obj.aliases.all()) if obj.pk else ""

    def alias_entry(self, alias):
        return f"{alias.kind}:{alias.name}"

    def import_instance(self, instance, row, **kwargs):
        errors, self._aliases = {}, []
        try:
            self._aliases = [
                self.make_alias(instance, entry) for entry in self.fields["aliases"].parse(row.get("aliases"))
            ]
            for alias in self._aliases:
                alias.full_clean(
                    exclude=[self.alias_parent], validate_unique=False, validate_constraints=False
                )
        except ValidationError as exc:
            errors["aliases"] = ValidationError("; ".join(exc.messages))
        except ValueError as exc:
            errors["aliases"] = ValidationError(str(exc))
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def list_changes(self, instance, row):
        wanted = {self.alias_entry(alias) for alias in self._aliases}
        return wanted != {self.alias_entry(alias) for alias in instance.aliases.all()}

    def after_save_instance(self, instance, row, **kwargs):
        instance.aliases.exclude(name__in=[alias.name for alias in self._aliases]).delete()
        for alias in self._aliases:
            values = {f: getattr(alias, f) for f in ("kind", "valid_from", "valid_to") if hasattr(alias, f)}
            self.alias_model.objects.update_or_create(
                **{self.alias_parent: instance, "name": alias.name}, defaults=values
            )


class PersonResource(AliasesMixin, SpreadsheetResource):
    alias_model, alias_parent = Alias, "person"
    aliases = AliasesField(Alias)

    class Meta:
        model = Person
        fields = ["slug", "name", "description", "aliases"]
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def make_alias(self, person, entry):
        return Alias(person=person, kind=entry[0], name=entry[1])

    def get_queryset(self):
        return Person.objects.prefetch_related("aliases").order_by("slug")


class OrganizationResource(AliasesMixin, SpreadsheetResource):
    alias_model, alias_parent = OrganizationAlias, "organization"
    parent = fields.Field("parent", "parent", KeyWidget(Organization, "slug"))
    aliases = AliasesField(OrganizationAlias)

    class Meta:
        model = Organization
        fields = ["slug", "name", "kind", "parent", "description", "aliases"]
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def alias_entry(self, alias):
        dates = f"@{alias.valid_from}@{alias.valid_to}" if alias.valid_from or alias.valid_to else ""
        return f"{alias.kind}:{alias.name}{dates}"

    def make_alias(self, org, entry):
        if len(entry) not in (2, 4):
            raise ValueError(_("alias “%(name)s” needs both dates: kind:name@from@to") % {"name": entry[1]})
        return OrganizationAlias(
            organization=org,
            kind=entry[0],
            name=entry[1],
            valid_from=entry[2] if len(entry) > 2 else "",
            valid_to=entry[3] if len(entry) > 2 else "",
        )

    def get_queryset(self):
        return Organization.objects.select_related("parent").prefetch_related("aliases").order_by("slug")

    def filter_export(self, queryset, **kwargs):
        """Order parents before their units, so a file imports top-down into an empty archive."""
        parents = dict(Organization.objects.values_list("pk", "parent_id"))

        def depth(pk, seen=()):
            parent = parents.get(pk)
            return 0 if parent is None or parent in seen else 1 + depth(parent, (*seen, pk))

        return sorted(queryset, key=lambda org: (depth(org.pk), org.slug))


class RoleResource(SpreadsheetResource):
    person = fields.Field("person", "person", KeyWidget(Person, "slug"))
    organization = fields.Field("organization", "organization", KeyWidget(Organization, "slug"))

    class Meta:
        model = Role
        fields = [
            "person",
            "title",
            "organization",
            "start_edtf",
            "place",
            "start_text",
            "end_text",
            "end_edtf",
            "sequence",
            "current",
            "notes",
        ]
        import_id_fields = ["person", "title", "organization", "start_edtf"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return Role.objects.select_related("person", "organization").order_by(
            "person__slug", "title", "organization__slug", "start_edtf", "pk"
        )
