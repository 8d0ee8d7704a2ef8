"""Authority records: people, their aliases, organisations and the roles people held there.

This app never names ``archive``, in an import or in a lookup string: sources cite authority
records, not the other way round. What the public may see of them follows from the evidence, a
read-side rule kept in ``archive/public.py``.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import fuzzy
from core.slugs import unique_slug
from core.text import validate_name
from textkit.pinyin import compact_key, initials

from .names import WIKIDATA_ID, NameKeysMixin, search_names


class PersonQuerySet(models.QuerySet):
    def search(self, query):
        """Return people whose name, alias or pinyin (with or without spaces) contains query."""
        return search_names(self, query, initials=True)


class PersonManager(models.Manager.from_queryset(PersonQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Person(NameKeysMixin):
    personal_name = True
    name = models.CharField(
        _("preferred name"),
        max_length=120,
        validators=[validate_name],
        help_text=_("The name the archive files this person under, e.g. 杨猛."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Set once from the pinyin of the name and never changed, so links stay stable."),
    )
    initials = models.CharField(_("initials"), max_length=40, blank=True, editable=False)
    description = models.CharField(
        _("short description"),
        max_length=300,
        blank=True,
        help_text=_("One line drawn from the sources, e.g. 阿里巴巴第598号员工, 中国内贸事业部联席总经理."),
    )
    wikidata_id = models.CharField(
        _("Wikidata item"),
        max_length=20,
        blank=True,
        validators=[WIKIDATA_ID],
        help_text=_(
            "The Wikidata item of this person, e.g. Q1000 (see wikidata.org); leave empty when unsure."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = PersonManager()

    class Meta:
        ordering = ["pinyin", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [("import_person", _("Can import people")), ("export_person", _("Can export people"))]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"], condition=~Q(wikidata_id=""), name="person_wikidata_id_unique"
            )
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def save(self, *args, **kwargs):
        self.derive_name_keys()
        self.initials = initials(self.name, surname=True)
        if not self.slug:
            self.slug = unique_slug(Person, self.name)
        super().save(*args, **kwargs)


class Alias(NameKeysMixin):
    class Kind(models.TextChoices):
        NICKNAME = "nickname", _("nickname")
        ENGLISH = "english", _("English name")
        FORMER = "former", _("former name")
        ROMANIZATION = "romanization", _("romanization")
        OTHER = "other", _("other")

    personal_name = True
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("person")
    )
    name = models.CharField(
        _("alias"),
        max_length=120,
        validators=[validate_name],
        help_text=_("Another name the sources use, e.g. 老榕 or MM."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["person", "name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="alias_unique_per_person")]

    def __str__(self):
        return f"{self.name} ({self.person})"

    def natural_key(self):
        return (self.person.slug, self.name)

    def derive_name_keys(self):
        super().derive_name_keys()
        if self.kind == self.Kind.ENGLISH:
            # An English name (Jack Ma) is no Chinese text: searched as written, without spaces.
            self.pinyin, self.pinyin_key = "", compact_key(self.name)

    def save(self, *args, **kwargs):
        self.derive_name_keys()
        super().save(*args, **kwargs)


class OrganizationQuerySet(models.QuerySet):
    def search(self, query):
        """Return organisations whose name, alias or pinyin contains query."""
        return search_names(self, query)


class OrganizationManager(models.Manager.from_queryset(OrganizationQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Organization(NameKeysMixin):
    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        UNIT = "unit", _("business unit")
        PRODUCT = "product", _("product or service")
        OTHER = "other", _("other body")

    name = models.CharField(
        _("name"),
        max_length=200,
        validators=[validate_name],
        help_text=_("The current or best-known name, e.g. 中国内贸事业部."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("part of"),
    )
    description = models.CharField(_("short description"), max_length=300, blank=True)
    wikidata_id = models.CharField(
        _("Wikidata item"),
        max_length=20,
        blank=True,
        validators=[WIKIDATA_ID],
        help_text=_("The Wikidata item of this organisation, e.g. Q1359568; leave empty when unsure."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = OrganizationManager()

    class Meta:
        ordering = ["pinyin", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [
            ("import_organization", _("Can import organisations")),
            ("export_organization", _("Can export organisations")),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="organization_not_own_parent"),
            models.UniqueConstraint(
                fields=["wikidata_id"], condition=~Q(wikidata_id=""), name="organization_wikidata_id_unique"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def save(self, *args, **kwargs):
        self.derive_name_keys()
        if not self.slug:
            self.slug = unique_slug(Organization, self.name)
        super().save(*args, **kwargs)


class OrganizationAlias(NameKeysMixin):
    class Kind(models.TextChoices):
        SHORT = "short", _("short name")
        ENGLISH = "english", _("English name")
        FORMER = "former", _("former name")
        OTHER = "other", _("other")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("organisation")
    )
    name = models.CharField(
        _("alias"),
        max_length=200,
        validators=[validate_name],
        help_text=_("Another name, e.g. 中供, CBU, 村淘."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SHORT)
    valid_from = models.CharField(
        _("used from (EDTF)"),
        max_length=60,
        blank=True,
        validators=[fuzzy.validate_edtf],
        help_text=_("For a rename: when this name came into use."),
    )
    valid_to = models.CharField(
        _("used until (EDTF)"), max_length=60, blank=True, validators=[fuzzy.validate_edtf]
    )

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("organisation alias")
        verbose_name_plural = _("organisation aliases")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="org_alias_unique_per_org")
        ]

    def __str__(self):
        return f"{self.name} ({self.organization})"

    def save(self, *args, **kwargs):
        self.derive_name_keys()
        super().save(*args, **kwargs)


class RoleQuerySet(models.QuerySet):
    def career_order(self):
        """Order roles as a career: by explicit sequence, then by start, undated last."""
        return self.order_by(
            "person",
            F("sequence").asc(nulls_last=True),
            F("start_lower").asc(nulls_last=True),
            F("end_lower").asc(nulls_last=True),
            "pk",
        )

    def succession(self):
        """Order roles as a succession at one organisation: by start, undated last, then title."""
        return self.order_by(
            F("start_lower").asc(nulls_last=True), F("sequence").asc(nulls_last=True), "title", "pk"
        )


class RoleManager(models.Manager.from_queryset(RoleQuerySet)):
    def get_by_natural_key(self, person_slug, title, organization_slug, start_edtf):
        return self.get(
            person__slug=person_slug,
            title=title,
            organization__slug=organization_slug or None,
            start_edtf=start_edtf,
        )


class Role(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        validators=[validate_name],
        help_text=_("The position as the source names it, e.g. 区域经理, 联席总经理."),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("organisation"),
    )
    place = models.CharField(
        _("place"), max_length=100, blank=True, help_text=_("Where the post was held, e.g. 温州, 台州.")
    )
    start_text = fuzzy.text_field(_("start"))
    start_edtf = fuzzy.edtf_field(_("start"))
    start_lower = fuzzy.bound_field(_("start"), _("lower"))
    start_upper = fuzzy.bound_field(_("start"), _("upper"))
    end_text = fuzzy.text_field(_("end"))
    end_edtf = fuzzy.edtf_field(_("end"))
    end_lower = fuzzy.bound_field(_("end"), _("lower"))
    end_upper = fuzzy.bound_field(_("end"), _("upper"))
    sequence = models.PositiveSmallIntegerField(
        _("place in career"),
        null=True,
        blank=True,
        help_text=_("1, 2, 3… when the sources give the order but not the dates."),
    )
    current = models.BooleanField(
        _("current as of the source"),
        default=False,
        help_text=_("The source calls it current (现任, 现今) at its publication date."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("How the dates were resolved, doubts, other readings.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = RoleManager()

    class Meta:
        ordering = ["person", F("sequence").asc(nulls_last=True), F("start_lower").asc(nulls_last=True), "pk"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        permissions = [("import_role", _("Can import roles")), ("export_role", _("Can export roles"))]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "title", "organization", "start_edtf"], name="role_natural_key"
            ),
            fuzzy.bounds_constraint("role", "start"),
            fuzzy.bounds_constraint("role", "end"),
            models.CheckConstraint(
                condition=Q(start_lower__isnull=True)
                | Q(end_upper__isnull=True)
                | Q(start_lower__lte=F("end_upper")),
                name="role_starts_before_it_ends",
            ),
        ]
        indexes = [models.Index(fields=["organization", "start_lower"], name="role_org_start_idx")]

    def __str__(self):
        where = f" @ {self.organization}" if self.organization_id else ""
        return f"{self.person}: {self.title}{where}"

    def natural_key(self):
        org = self.organization.slug if self.organization_id else ""
        return (self.person.slug, self.title, org, self.start_edtf)

    natural_key.dependencies = ["people.person", "people.organization"]

    def clean(self):
        super().clean()
        # The bounds are derived on save; check the span now, before the constraint refuses it.
        fuzzy.check_span(self, "start", "end")

    def save(self, *args, **kwargs):
        fuzzy.derive_bounds(self, "start")
        fuzzy.derive_bounds(self, "end")
        super().save(*args, **kwargs)
