"""Sources and the evidence they carry: articles, paragraphs, events and annotations."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import fuzzy
from core.slugs import unique_slug
from people.models import Organization, Person, Role


def fingerprint(text):
    """Return a short, stable fingerprint of a paragraph's text (first 12 hex of SHA-1)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


class ArticleQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Article(models.Model):
    class Script(models.TextChoices):
        SIMPLIFIED = "simplified", _("simplified Chinese")
        TRADITIONAL = "traditional", _("traditional Chinese")
        OTHER = "other", _("other or mixed")

    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_("As published; a title devised by the archive goes in [square brackets]."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    outlet = models.CharField(
        _("outlet"),
        max_length=200,
        blank=True,
        help_text=_("The newspaper, magazine or site that published it."),
    )
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_text = fuzzy.text_field(_("publication date"))
    published_edtf = fuzzy.edtf_field(_("publication date"))
    published_lower = fuzzy.bound_field(_("publication date"), _("lower"))
    published_upper = fuzzy.bound_field(_("publication date"), _("upper"))
    url = models.URLField(_("URL"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, default="zh")
    script = models.CharField(_("script"), max_length=20, choices=Script.choices, default=Script.SIMPLIFIED)
    raw_file = models.BinaryField(_("file as received"), blank=True, default=b"", editable=False)
    raw_filename = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    raw_encoding = models.CharField(_("encoding detected"), max_length=40, blank=True, editable=False)
    raw_sha256 = models.CharField(
        _("SHA-256 of the file"), max_length=64, blank=True, editable=False, db_index=True
    )
    reprint_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reprints",
        verbose_name=_("reprint of"),
        help_text=_("The original this article copies, in whole or in part."),
    )
    reprint_similarity = models.FloatField(_("share of text found in the original"), null=True, blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Only published articles, and the published annotations on them, appear on public pages."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["raw_file"])

    objects = ArticleManager()

    class Meta:
        ordering = [F("published_lower").asc(nulls_last=True), "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            fuzzy.bounds_constraint("article", "published"),
            models.CheckConstraint(condition=~Q(reprint_of=F("pk")), name="article_not_reprint_of_itself"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def save(self, *args, **kwargs):
        fuzzy.derive_bounds(self, "published")
        if not self.slug:
            self.slug = unique_slug(Article, self.title.strip("[]【】 ") or "article", max_length=60)
        super().save(*args, **kwargs)


class ParagraphManager(models.Manager):
    def get_by_natural_key(self, article_slug, position):
        return self.get(article__slug=article_slug, position=position)


class Paragraph(models.Model):
    class Kind(models.TextChoices):
        BODY = "body", _("body")
        HEADING = "heading", _("heading")
        CAPTION = "caption", _("caption or pull quote")
        METADATA = "metadata", _("metadata")
        BOILERPLATE = "boilerplate", _("boilerplate")
        DUPLICATE = "duplicate", _("duplicate")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="paragraphs", verbose_name=_("article")
    )
    position = models.PositiveIntegerField(_("position"), help_text=_("1, 2, 3… in reading order."))
    text = models.TextField(_("text"))
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.BODY,
        help_text=_("Captions, duplicates and boilerplate are not counted as separate evidence."),
    )
    kind_note = models.CharField(_("why this kind"), max_length=300, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=12, editable=False, db_index=True)
    aligned_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copies paragraph"),
        help_text=_("For a reprint: the original paragraph this one copies (best match)."),
    )
    similarity = models.FloatField(_("similarity"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    objects = ParagraphManager()

    class Meta:
        ordering = ["article", "position"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="paragraph_position_unique"),
            models.CheckConstraint(
                condition=Q(similarity__isnull=True) | Q(similarity__gte=0, similarity__lte=1),
                name="paragraph_similarity_0_1",
            ),
        ]

    def __str__(self):
        return f"{self.article} ¶{self.position}"

    def natural_key(self):
        return (self.article.slug, self.position)

    natural_key.dependencies = ["archive.article"]

    def save(self, *args, **kwargs):
        self.fingerprint = fingerprint(self.text)
        super().save(*args, **kwargs)


class Alignment(models.Model):
    """One original paragraph a copied paragraph draws on (a merged line has two)."""

    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="alignments", verbose_name=_("copy")
    )
    source = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="aligned_copies", verbose_name=_("original")
    )
    similarity = models.FloatField(_("similarity"))
    rank = models.PositiveSmallIntegerField(_("order in the copy"), default=1)

    class Meta:
        ordering = ["paragraph", "rank"]
        verbose_name = _("alignment")
        verbose_name_plural = _("alignments")
        constraints = [models.UniqueConstraint(fields=["paragraph", "source"], name="alignment_unique")]

    def __str__(self):
        return f"{self.paragraph} ≈ {self.source} ({self.similarity:.2f})"


class ShingleKey(models.Model):
    """One sampled shingle fingerprint of an article's text: the inverted index for reprint lookup."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="shingle_keys", verbose_name=_("article")
    )
    key = models.BigIntegerField(
        _("fingerprint"), help_text=_("A 48-bit hash of five folded characters of the article's text.")
    )

    class Meta:
        ordering = ["article", "key"]
        verbose_name = _("shingle fingerprint")
        verbose_name_plural = _("shingle fingerprints")
        constraints = [models.UniqueConstraint(fields=["article", "key"], name="shinglekey_unique")]
        # Lookup is by key first; the article is in the index so counting never reads the table.
        indexes = [models.Index(fields=["key", "article"], name="shinglekey_key_idx")]

    def __str__(self):
        return f"{self.article_id}:{self.key:012x}"


class EventManager(models.Manager):
    def get_by_natural_key(self, title, date_edtf):
        return self.get(title=title, date_edtf=date_edtf)


class Event(models.Model):
    class Category(models.TextChoices):
        FOUNDING = "founding", _("founding")
        LAUNCH = "launch", _("launch")
        FUNDING = "funding", _("funding")
        LISTING = "listing", _("listing")
        CRISIS = "crisis", _("crisis")
        REORGANISATION = "reorganisation", _("reorganisation")
        APPOINTMENT = "appointment", _("appointment or departure")
        CAMPAIGN = "campaign", _("campaign")
        MEETING = "meeting", _("meeting or speech")
        MILESTONE = "milestone", _("milestone")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    date_text = fuzzy.text_field(_("date"))
    date_edtf = fuzzy.edtf_field(_("date"))
    date_lower = fuzzy.bound_field(_("date"), _("lower"))
    date_upper = fuzzy.bound_field(_("date"), _("upper"))
    end_text = fuzzy.text_field(_("end"))
    end_edtf = fuzzy.edtf_field(_("end"))
    end_lower = fuzzy.bound_field(_("end"), _("lower"))
    end_upper = fuzzy.bound_field(_("end"), _("upper"))
    description = models.TextField(_("description"), blank=True)
    participants = models.ManyToManyField(
        Person, blank=True, related_name="events", verbose_name=_("participants")
    )
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="events", verbose_name=_("organisations")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[participants, organizations])

    objects = EventManager()

    class Meta:
        ordering = [F("date_lower").asc(nulls_last=True), "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("import_event", _("Can import events")), ("export_event", _("Can export events"))]
        constraints = [
            models.UniqueConstraint(fields=["title", "date_edtf"], name="event_natural_key"),
            fuzzy.bounds_constraint("event", "date"),
            fuzzy.bounds_constraint("event", "end"),
        ]
        indexes = [models.Index(fields=["date_lower"], name="event_date_idx")]

    def __str__(self):
        return f"{self.title} ({self.date_text or self.date_edtf})"

    def natural_key(self):
        return (self.title, self.date_edtf)

    def save(self, *args, **kwargs):
        fuzzy.derive_bounds(self, "date")
        fuzzy.derive_bounds(self, "end")
        if not self.slug:
            self.slug = unique_slug(Event, f"{self.date_edtf[:4]} {self.title}", max_length=60)
        super().save(*args, **kwargs)


TARGETS = ("person", "role", "event", "organization")


def _only_target(name):
    """Return a Q true when exactly the named target (or, for 'note', none) is set."""
    q = Q()
    for target in TARGETS:
        q &= Q(**{f"{target}__isnull": target != name})
    return q & (Q(body__gt="") if name == "note" else Q(body=""))


EVIDENCE_KINDS = ("body", "heading")  # captions, duplicates and boilerplate repeat the body


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


class AnnotationQuerySet(models.QuerySet):
    def public(self):
        """Return annotations the public may see: published, on a published article, anchored."""
        return self.filter(
            status=Annotation.Status.PUBLISHED, paragraph__article__is_published=True, orphaned=False
        )

    def evidence(self):
        """Return the public annotations that count as evidence of a claim (body and headings)."""
        return self.public().filter(paragraph__kind__in=EVIDENCE_KINDS)


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
    body = models.TextField(_("note"), blank=True, help_text=_("For a note annotation: the note itself."))
    comment = models.TextField(_("editor's comment"), blank=True)
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

    def check_anchor(self):
        """Raise ValidationError unless quote stands at start..end of the paragraph's text."""
        if self.orphaned:
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

    def save(self, *args, **kwargs):
        self.check_anchor()
        super().save(*args, **kwargs)
