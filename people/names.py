"""Names of authority records: pinyin search keys derived on save, and search by name, alias or pinyin."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from textkit.pinyin import compact_key, pinyin

# A Wikidata item id as Wikidata writes it: Q and a number without leading zeros (Q42, not q042).
WIKIDATA_ID = RegexValidator(r"^Q[1-9]\d*$", _("A Wikidata item id is Q followed by a number, e.g. Q42."))


class NameKeysMixin(models.Model):
    """Derive pinyin search keys from ``name`` on save.

    A personal name (``personal_name``) reads its surname by the surname's reading (曾 zeng)
    and a foreign transliteration (彼得·蒂尔) gets no Chinese pinyin.
    """

    personal_name = False

    pinyin = models.CharField(_("pinyin"), max_length=300, blank=True, editable=False)
    pinyin_key = models.CharField(_("pinyin key"), max_length=300, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    def derive_name_keys(self):
        self.pinyin = pinyin(self.name, surname=self.personal_name)
        self.pinyin_key = compact_key(self.name, surname=self.personal_name)


def search_names(queryset, query, initials=False):
    """Filter records whose name or alias contains query, or whose pinyin key (or initials) matches."""
    query = (query or "").strip()
    if not query:
        return queryset
    key = compact_key(query)
    match = Q(name__icontains=query) | Q(aliases__name__icontains=query)
    if key:
        match |= Q(pinyin_key__contains=key) | Q(aliases__pinyin_key__contains=key)
        if initials:
            match |= Q(initials=key)
    return queryset.filter(pk__in=queryset.model.objects.filter(match).values("pk"))
