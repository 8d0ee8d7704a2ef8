"""The ranked evidence: each claim's public citations in the order readers see them, kept in step.

A career page shows, for each role and event, its best sentences first (reading/ranking.py says
how they are ranked) and counts the rest. Ranking a claim's citations costs as much as it has
citations (the busiest synthetic person has eight thousand); a page must cost the same however
much evidence exists. So the ranking is an index of the evidence, like the search index: worked
out when the evidence changes (reading/listeners.py), read by rank on every page.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from archive.models import Annotation, Event
from people.models import Person, Role


class RankedCitation(models.Model):
    """A public citation of a role or an event, or a mention of a person, with its place among
    the claim's citations (a person's mentions are in originals-first order)."""

    annotation = models.OneToOneField(
        Annotation, on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name=_("annotation")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, related_name="+", verbose_name=_("person mentioned")
    )
    role = models.ForeignKey(
        Role, on_delete=models.CASCADE, null=True, related_name="+", verbose_name=_("role")
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, related_name="+", verbose_name=_("event")
    )
    rank = models.PositiveIntegerField(
        _("rank"),
        help_text=_("1 for the sentence that best states the claim; a reprint's copy has its original's."),
    )
    head = models.ForeignKey(
        Annotation,
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("copy of"),
        help_text=_("For a reprint's copy of a sentence already cited: the citation it repeats."),
    )
    seq = models.PositiveIntegerField(
        _("order"), help_text=_("Its place with originals first, then by date.")
    )
    states = models.PositiveSmallIntegerField(_("states the claim"))

    class Meta:
        verbose_name = _("ranked citation")
        verbose_name_plural = _("ranked citations")
        ordering = ["person", "role", "event", "rank", "seq"]
        indexes = [
            models.Index(fields=["person", "rank"], name="ranked_person_rank_idx"),
            models.Index(fields=["role", "rank"], name="ranked_role_rank_idx"),
            models.Index(fields=["event", "rank"], name="ranked_event_rank_idx"),
            # The JSON lists a claim's first citations in originals-first order.
            models.Index(fields=["role", "seq"], name="ranked_role_seq_idx"),
            models.Index(fields=["event", "seq"], name="ranked_event_seq_idx"),
        ]

    def __str__(self):
        return f"{self.person or self.role or self.event} #{self.rank}"


class ClaimRanking(models.Model):
    """What a claim's citations add up to: sentences, reprint copies, newest source.

    ``ranking`` on a role, an event or a person (their mentions) reaches it from the reading side.
    """

    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        null=True,
        related_name="ranking",
        verbose_name=_("person mentioned"),
    )
    role = models.OneToOneField(
        Role, on_delete=models.CASCADE, null=True, related_name="ranking", verbose_name=_("role")
    )
    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, null=True, related_name="ranking", verbose_name=_("event")
    )
    groups = models.PositiveIntegerField(
        _("sentences"), help_text=_("Citations that are not reprint copies.")
    )
    copies = models.PositiveIntegerField(_("reprint copies"))
    latest = models.DateField(_("newest source"), null=True)

    class Meta:
        verbose_name = _("claim ranking")
        verbose_name_plural = _("claim rankings")
        ordering = ["person", "role", "event"]

    def __str__(self):
        return f"{self.person or self.role or self.event}: {self.groups} + {self.copies}"
