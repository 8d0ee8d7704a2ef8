"""Measure name suggestions against curated person mentions (recall and precision)."""
import csv
from dataclasses import dataclass
from pathlib import Path

from people.models import Person

from ..services import anchor_quote
from .selectors import suggested_spans


class QualityError(ValueError):
    """A mentions file that cannot be read or anchored; the message names file and line."""


@dataclass(frozen=True)
class Quality:
    gold: int
    suggested: int
    hits: int
    missed: list
    extra: list

    @property
    def recall(self):
        return self.hits / self.gold if self.gold else 1.0

    @property
    def precision(self):
        return self.hits / self.suggested if self.suggested else 1.0


def curated_mentions(article, path):
    """Return {(position, start, end, person_id)} of the article's mentions in the CSV at path."""
    path = Path(path)
    if not path.exists():
        raise QualityError(f"{path}: no such file")
    people = dict(Person.objects.values_list("slug", "pk"))
    texts = dict(article.paragraphs.values_list("position", "text"))
    gold = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row.get("article") != article.slug:
                continue
            try:
                position = int(row["paragraph"])
                anchor = anchor_quote(texts[position], row["quote"], int(row.get("occurrence") or 1))
                gold.add((position, anchor.start, anchor.end, people[row["person"]]))
            except (KeyError, ValueError) as exc:
                raise QualityError(f"{path} line {line}: cannot place {row.get('quote')!r}: {exc}") from exc
    return gold


def suggestion_quality(article, mentions_path):
    """Return the Quality of person suggestions on article against the curated mentions."""
    gold = curated_mentions(article, mentions_path)
    spans = [s for s in suggested_spans(list(article.paragraphs.all())) if s.person_id]
    found = {(s.paragraph.position, s.start, s.end, s.person_id) for s in spans}
    return Quality(
        gold=len(gold), suggested=len(found), hits=len(gold & found),
        missed=sorted(gold - found), extra=sorted(found - gold),
    )
