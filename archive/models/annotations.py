"""Annotations: the evidence, a span of a paragraph and what it is evidence of."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.text import validate_text
from people.models import Organization, Person, Role
from textkit import claims

from .articles import Paragraph
from .events import Event

TARGETS = ("person", "role", "event", "organization")


def _only_target(name):
    """Return a Q true when exactly the named target (or, for 'note', none) is set."""
    q = Q()
    for target in TARGETS:
        q &= Q(**{f"{target}__isnull": target != name})
    return q & (Q(body__gt="") if name == "note" else Q(body=""))


EVIDENCE_KINDS = ("body", "heading")  # captions, duplicates and boilerplate repeat the body
DERIVED = ("cues", "words_key")  # worked out from the quote whenever it is saved


def originals_first(prefix=""):
    """Return an ordering of paragraphs (or, with prefix "paragraph__", annotations): originals
    before reprints, then by publication date, article, position and offset; the pk breaks ties."""
    ordering = [
        F(f"{prefix}article__reprint_of").asc(nulls_first=True),
        F(f"{prefix}article__published_lower").asc(nulls_last=True),
        f"{prefix}article",
        f"{prefix}position",
    ]
    return [*ordering, "start", "pk"] if prefix else [*ordering, "pk"]


def public_condition(path=""):
    """Return the condition of annotations the public may see (published, on a published article,
    anchored), for a query that reaches them along path ("annotation__", or "" on annotations)."""
    return Q(
        **{
            f"{path}status": Annotation.Status.PUBLISHED,
            f"{path}paragraph__article__is_published": True,
            f"{path}orphaned": False,
        }
    )


def evidence_condition(path=""):
    """Return the condition of public annotations that count as evidence (body and headings)."""
    return public_condition(path) & Q(**{f"{path}paragraph__kind__in": EVIDENCE_KINDS})


class AnnotationQuerySet(models.QuerySet):
    def public(self):
        """Return annotations the public may see: published, on a published article, anchored."""
        return self.filter(public_condition())

    def evidence(self):
        """Return the public annotations that count as evidence of a claim (body and headings)."""
        return self.filter(evidence_condition())

    def bulk_create(self, objs, *args, **kwargs):
        """Insert objs with the fields they derive from their quote (``Annotation.derive``)."""
        objs = list(objs)
        for annotation in objs:
            annotation.derive()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        """Update objs; a new quote brings the fields derived from it along."""
        objs, fields = list(objs), list(fields)
        if "quote" in fields:
            for annotation in objs:
                annotation.derive()
            fields += [name for name in DERIVED if name not in fields]
        return super().bulk_update(objs, fields, *args, **kwargs)


class Annotation(models.Model):
    """A span of a paragraph (W3C text quote + position selectors) and what it is evidence of."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        DRAFT = "draft", _("draft")
        REVIEWED = "reviewed", _("reviewed")
        PUBLISHED = "published", _("published")

    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="annotations", verbose_name=_("paragraph")
    )
    quote = models.TextField(_("quote"), help_text=_("The exact words annotated."))
    prefix = models.CharField(
        _("prefix"),
        max_length=64,
        blank=True,
        help_text=_("Up to 32 characters before the quote, to find it again after an edit."),
    )
    suffix = models.CharField(_("suffix"), max_length=64, blank=True)
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annotations",
        verbose_name=_("person mentioned"),
    )
    role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annotations",
        verbose_name=_("role evidenced"),
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annotations",
        verbose_name=_("event evidenced"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annotations",
        verbose_name=_("organisation mentioned"),
    )
    body = models.TextField(
        _("note"),
        blank=True,
        validators=[validate_text],
        help_text=_("For a note annotation: the note itself."),
    )
    comment = models.TextField(_("editor's comment"), blank=True, validators=[validate_text])
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    orphaned = models.BooleanField(
        _("orphaned"),
        default=False,
        help_text=_("The quote could not be found again after the paragraph was edited."),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annotations",
        verbose_name=_("editor"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Derived from the quote on every save (textkit.claims), so public pages rank a claim's
    # citations in SQL without reading each sentence again.
    cues = models.PositiveSmallIntegerField(
        _("claim cues"),
        default=0,
        editable=False,
        help_text=_("2 when the quote has a role verb (出任, 升任…), 1 more for a date word."),
    )
    words_key = models.BigIntegerField(
        _("words key"),
        default=0,
        editable=False,
        help_text=_("The quote's words without punctuation, hashed: a reprint's copy shares it."),
    )
    history = HistoricalRecords()

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["paragraph", "start", "pk"]
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        permissions = [
            ("publish_annotation", _("Can review and publish annotations")),
            ("import_annotation", _("Can import annotations")),
            ("export_annotation", _("Can export annotations")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=_only_target("person")
                | _only_target("role")
                | _only_target("event")
                | _only_target("organization")
                | _only_target("note"),
                name="annotation_exactly_one_target",
            ),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="annotation_span_not_empty"),
            # The annotation key: one annotation per span and target, whoever imports it and however
            # often (two concurrent imports of one file write one set of rows).
            *[
                models.UniqueConstraint(
                    fields=["paragraph", "start", "end", target],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"annotation_unique_{target}_span",
                )
                for target in TARGETS
            ],
            models.UniqueConstraint(
                fields=["paragraph", "start", "end"],
                condition=Q(**{f"{target}__isnull": True for target in TARGETS}),
                name="annotation_unique_note_span",
            ),
        ]
        indexes = [models.Index(fields=["status", "paragraph"], name="annotation_status_para_idx")]

    def __str__(self):
        return f"“{self.quote[:30]}” → {self.target_label}"

    @property
    def target_kind(self):
        for target in TARGETS:
            if getattr(self, f"{target}_id"):
                return target
        return "note"

    @property
    def target(self):
        kind = self.target_kind
        return self.body if kind == "note" else getattr(self, kind)

    @property
    def target_label(self):
        return str(self.target)[:60]

    def clean(self):
        super().clean()
        self.check_anchor()

    def _keeps_stored_anchor(self):
        """Return whether this (orphaned) annotation keeps the anchor it was saved with."""
        if not self.pk:
            return False
        stored = Annotation.objects.filter(pk=self.pk).values("paragraph_id", "quote", "start", "end").first()
        return stored == {
            "paragraph_id": self.paragraph_id,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
        }

    def check_anchor(self):
        """Raise ValidationError unless quote stands at start..end of the paragraph's text.

        An orphan (its paragraph was edited and the quote is gone) may keep the anchor it had;
        any other anchor, orphaned or not, must stand in the paragraph as it is now, so setting
        ``orphaned`` cannot smuggle in a quote the source never said.
        """
        if self.orphaned and self._keeps_stored_anchor():
            return
        text = self.paragraph.text
        if self.quote != text[self.start : self.end]:
            found = text.find(self.quote) if self.quote else -1
            where = (
                _("; it occurs at %(at)s") % {"at": found}
                if found >= 0
                else _("; it does not occur in the paragraph")
            )
            raise ValidationError(
                {
                    "quote": _("Quote “%(quote)s” is not at %(start)s–%(end)s of %(paragraph)s%(where)s.")
                    % {
                        "quote": self.quote[:40],
                        "start": self.start,
                        "end": self.end,
                        "paragraph": self.paragraph,
                        "where": where,
                    }
                },
                code="quote_mismatch",
            )

    def derive(self):
        """Set the fields worked out from the quote (DERIVED)."""
        self.cues = claims.cues(self.quote)
        self.words_key = claims.words_key(self.quote)

    def save(self, *args, **kwargs):
        self.check_anchor()
        self.derive()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "quote" in update_fields:
            kwargs["update_fields"] = {*update_fields, *DERIVED}
        super().save(*args, **kwargs)
