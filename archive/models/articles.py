"""Sources: articles, their paragraphs, how a reprint aligns to its original, reprint index keys."""

import hashlib

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import fuzzy
from core.slugs import unique_slug
from core.text import validate_name


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
        validators=[validate_name],
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
    retrieved_at = models.DateTimeField(
        _("retrieved"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the archive fetched the page from its URL (empty for a file uploaded from disk)."),
    )
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
        permissions = [("publish_article", _("Can publish and withdraw articles"))]
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
