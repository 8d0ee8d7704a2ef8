"""Forms validating what the workbench's JavaScript sends (JSON bodies bound as form data)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from archive.models import TARGETS, Annotation, Event
from people.models import Alias, Organization, Person, Role

KINDS = [
    ("person", _("person mentioned")),
    ("role", _("evidence for a role")),
    ("event", _("evidence for an event")),
    ("organization", _("organisation mentioned")),
    ("note", _("note")),
]


class TargetMixin(forms.Form):
    """A kind and the one target it needs (a person, role, event, organisation, or a note's text)."""

    kind = forms.ChoiceField(label=_("kind"), choices=KINDS)
    person = forms.ModelChoiceField(Person.objects.all(), required=False)
    role = forms.ModelChoiceField(Role.objects.all(), required=False)
    event = forms.ModelChoiceField(Event.objects.all(), required=False)
    organization = forms.ModelChoiceField(Organization.objects.all(), required=False)
    note = forms.CharField(label=_("note"), required=False, max_length=5000)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in TARGETS and not data.get(kind):
            self.add_error(
                kind, _("Choose the %(kind)s this span is evidence of.") % {"kind": dict(KINDS)[kind]}
            )
        if kind == "note" and not (data.get("note") or "").strip():
            self.add_error("note", _("Write the note."))
        return data

    def target(self):
        kind = self.cleaned_data["kind"]
        return self.cleaned_data["note"] if kind == "note" else self.cleaned_data[kind]


class AnnotationCreateForm(TargetMixin):
    paragraph = forms.IntegerField(min_value=1)
    paragraph_version = forms.IntegerField(min_value=1)
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    status = forms.ChoiceField(
        choices=Annotation.Status.choices, initial=Annotation.Status.DRAFT, required=False
    )
    comment = forms.CharField(required=False, max_length=2000)


class SpanForm(forms.Form):
    """A new span for an existing annotation, in code points of its paragraph."""

    version = forms.IntegerField(min_value=1)
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)

    def clean(self):
        data = super().clean()
        if data.get("start") is not None and data.get("end") is not None and data["end"] <= data["start"]:
            self.add_error("end", _("The span must end after it starts."))
        return data


class AnnotationUpdateForm(TargetMixin):
    version = forms.IntegerField(min_value=1)
    status = forms.ChoiceField(choices=Annotation.Status.choices, required=False)
    comment = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].required = False

    def clean(self):
        if not self.cleaned_data.get("kind"):
            return forms.Form.clean(self)
        return super().clean()


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=1)


class IdsForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(pk, pk) for pk in choices]


class PersonForm(forms.ModelForm):
    alias = forms.CharField(label=_("alias"), required=False, max_length=120)

    class Meta:
        model = Person
        fields = ["name", "description"]

    def save_alias(self, person):
        if self.cleaned_data.get("alias"):
            Alias.objects.create(person=person, name=self.cleaned_data["alias"], kind=Alias.Kind.OTHER)


class RoleForm(forms.ModelForm):
    class Meta:
        model = Role
        fields = [
            "person",
            "title",
            "organization",
            "place",
            "start_text",
            "start_edtf",
            "end_text",
            "end_edtf",
            "current",
        ]


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "category", "date_text", "date_edtf", "description"]


class PhraseForm(forms.Form):
    phrase = forms.CharField(max_length=120)
    paragraph = forms.IntegerField(required=False)
    offset = forms.IntegerField(required=False, min_value=0)


def form_errors(form):
    """Return a form's errors as one line naming each field."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields and form.fields[name].label else name
        parts.append(f"{label}: {' '.join(errors)}" if name != "__all__" else " ".join(errors))
    return "; ".join(parts)
