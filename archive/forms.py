"""Admin change forms that carry the version they were opened at, and refuse a stale save.

When two editors open the same annotation or paragraph, the first to save wins; the second gets
a clear message and nothing of theirs is written, so the first change is kept.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Annotation, Paragraph
from .services.annotations import AnnotationError, anchor_span
from .services.review import REVIEW_STATUSES


class VersionedForm(forms.ModelForm):
    expected_version = forms.IntegerField(
        label=_("expected version"), widget=forms.HiddenInput, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if not self.instance.pk:
            return data
        current = (
            type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        )
        if data.get("expected_version") is None or current != data["expected_version"]:
            last = self.instance.history.select_related("history_user").first()
            raise forms.ValidationError(
                _(
                    "Someone else (%(who)s) saved this %(what)s after you opened it (version %(now)s, you had %(had)s). "
                    "Your changes were not saved; reload the page to see theirs, then edit again."
                )
                % {
                    "who": (last.history_user if last and last.history_user else "?"),
                    "what": self.instance._meta.verbose_name,
                    "now": current,
                    "had": data.get("expected_version"),
                },
                code="stale",
            )
        return data


class ParagraphAdminForm(VersionedForm):
    class Meta:
        model = Paragraph
        fields = "__all__"  # noqa: DJ007 (the ModelAdmin's fieldsets and readonly_fields choose)


class AnnotationAdminForm(VersionedForm):
    """Only reviewers may move an annotation to reviewed or published."""

    can_publish = False

    class Meta:
        model = Annotation
        fields = "__all__"  # noqa: DJ007 (the ModelAdmin's fieldsets and readonly_fields choose)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.can_publish and "status" in self.fields:
            keep = {Annotation.Status.SUGGESTED, Annotation.Status.DRAFT, self.instance.status}
            self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0] in keep]

    def clean(self):
        data = super().clean()
        paragraph, start, end = data.get("paragraph"), data.get("start"), data.get("end")
        if not self.instance.pk and paragraph and start is not None and end is not None:
            try:  # the quote and its context come from the paragraph, as in the workbench
                for name, value in anchor_span(paragraph.text, start, end).items():
                    setattr(self.instance, name, value)
            except AnnotationError as exc:
                self.add_error("end", str(exc))
        return data

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status in REVIEW_STATUSES and status != self.instance.status and not self.can_publish:
            raise forms.ValidationError(
                _("Only reviewers may mark annotations reviewed or published."), code="publish"
            )
        return status
