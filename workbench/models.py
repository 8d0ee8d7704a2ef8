"""What the curation assistant learns from editors, and how far each article's review has got."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LexiconEntry(models.Model):
    """One editor decision the proposal engine reads back: a title, an alias, a rejected string.

    Accepting a role teaches its title; correcting a proposed name teaches the surface string as
    an alias of the name the editor chose; rejecting teaches a string never to propose again.
    """

    class Kind(models.TextChoices):
        TITLE = "title", _("role title")
        PERSON_ALIAS = "person_alias", _("person alias")
        ORG_ALIAS = "org_alias", _("organisation alias")
        REJECTED = "rejected", _("rejected string")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.CharField(
        _("text"), max_length=300, help_text=_("The string as the article wrote it, e.g. 中供, 区域经理.")
    )
    target = models.CharField(
        _("target"),
        max_length=300,
        blank=True,
        help_text=_(
            "For an alias, the name it stands for (中供 → 中国供应商); for a rejected string, "
            "what it was proposed as (person, organization, role, event)."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lexicon_entries",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "text"]
        verbose_name = _("lexicon entry")
        verbose_name_plural = _("lexicon entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "text", "target"], name="lexicon_entry_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}" + (f" → {self.target}" if self.target else "")


class ProposalTally(models.Model):
    """How many of an article's proposals were made and are still waiting, as last computed."""

    article = models.OneToOneField(
        "archive.Article", on_delete=models.CASCADE, related_name="proposal_tally", verbose_name=_("article")
    )
    total = models.PositiveIntegerField(_("proposals"), default=0)
    waiting = models.PositiveIntegerField(_("proposals waiting"), default=0)
    notice = models.CharField(_("notice"), max_length=300, blank=True)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)

    class Meta:
        ordering = ["-computed_at"]
        verbose_name = _("proposal tally")
        verbose_name_plural = _("proposal tallies")

    def __str__(self):
        return f"{self.article}: {self.waiting}/{self.total}"
