"""Events: dated happenings the sources tell, with participants and organisations."""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import fuzzy
from core.slugs import unique_slug
from core.text import validate_name
from people.models import Organization, Person


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

    title = models.CharField(_("title"), max_length=300, validators=[validate_name])
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
