"""Measure name suggestions against curated person mentions (recall and precision)."""

from dataclasses import dataclass
from pathlib import Path

from archive.services.spreadsheets import ImportFailed, read_rows
from people.models import Person

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
    """Return {(position, start, end, person_id)} of the article's person annotations in the CSV at path.

    The file is in the annotation export format (archive/demo/records/annotations.csv).
    """
    path = Path(path)
    if not path.exists():
        raise QualityError(f"{path}: no such file")
    try:
        rows = read_rows(path.read_bytes(), path.name)
    except ImportFailed as exc:
        raise QualityError(f"{path}: {exc.errors[0]}") from exc
    people = dict(Person.objects.values_list("slug", "pk"))
    texts = dict(article.paragraphs.values_list("position", "text"))
    gold = set()
    for line, row in rows:
        if row["article"] != article.slug or row["target_kind"] != "person":
            continue
        try:
            position, start, end = int(row["paragraph"]), int(row["start"]), int(row["end"])
            if texts[position][start:end] != row["quote"]:
                raise ValueError(f"not at {start}–{end}")
            gold.add((position, start, end, people[row["target"]]))
        except (KeyError, ValueError) as exc:
            raise QualityError(f"{path} line {line}: cannot place {row.get('quote')!r}: {exc}") from exc
    return gold


def suggestion_quality(article, mentions_path):
    """Return the Quality of person suggestions on article against the curated mentions."""
    gold = curated_mentions(article, mentions_path)
    spans = [s for s in suggested_spans(list(article.paragraphs.all())) if s.person_id]
    found = {(s.paragraph.position, s.start, s.end, s.person_id) for s in spans}
    return Quality(
        gold=len(gold),
        suggested=len(found),
        hits=len(gold & found),
        missed=sorted(gold - found),
        extra=sorted(found - gold),
    )
