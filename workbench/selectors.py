"""Reads for the annotation workbench: known-name spans, candidate names, dates, highlights."""

import re
from dataclasses import dataclass

from archive.models import Annotation, Paragraph
from people.models import Alias, Organization, OrganizationAlias, Person
from textkit.dates import humanize, resolve_paragraphs
from textkit.matcher import NameMatcher, candidate_names

EVIDENCE_KINDS = (Paragraph.Kind.BODY, Paragraph.Kind.HEADING)


@dataclass(frozen=True)
class Span:
    """A known name found in a paragraph, with the record it names."""

    paragraph: Paragraph
    start: int
    end: int
    text: str
    person_id: int | None = None
    organization_id: int | None = None


def known_names():
    """Return (name, key) pairs for every person and organisation name and alias."""
    pairs = [(name, ("person", pk)) for pk, name in Person.objects.values_list("pk", "name")]
    pairs += [(name, ("person", pk)) for pk, name in Alias.objects.values_list("person_id", "name")]
    pairs += [(name, ("organization", pk)) for pk, name in Organization.objects.values_list("pk", "name")]
    pairs += [
        (name, ("organization", pk))
        for pk, name in OrganizationAlias.objects.values_list("organization_id", "name")
    ]
    return pairs


def _target(keys):
    """Return the one record keys point to: a person before an organisation; None if ambiguous."""
    for kind in ("person", "organization"):
        ids = {pk for k, pk in keys if k == kind}
        if ids:
            return (kind, ids.pop()) if len(ids) == 1 else None
    return None


def suggested_spans(paragraphs, names=None):
    """Return the Spans of known names in the evidence paragraphs (body, heading)."""
    matcher = NameMatcher(known_names() if names is None else names)
    spans = []
    for paragraph in paragraphs:
        if paragraph.kind not in EVIDENCE_KINDS:
            continue
        for match in matcher.find(paragraph.text):
            target = _target(match.keys)
            if target is not None:
                spans.append(
                    Span(paragraph, match.start, match.end, match.text, **{f"{target[0]}_id": target[1]})
                )
    return spans


def candidate_rows(paragraphs):
    """Return candidate new names, each with the paragraphs it occurs in, most frequent first."""
    known = [name for name, _key in known_names()]
    rows = {}
    for paragraph in paragraphs:
        if paragraph.kind not in EVIDENCE_KINDS:
            continue
        for candidate in candidate_names(paragraph.text, known):
            row = rows.setdefault(candidate.text, {"name": candidate.text, "positions": [], "cues": set()})
            row["positions"].append(paragraph.position)
            row["cues"].add(candidate.cue)
    return sorted(rows.values(), key=lambda r: (-len(r["positions"]), r["name"]))


def date_rows(article, paragraphs, lang="zh"):
    """Return the date phrases of the article, resolved across paragraphs, with how."""
    found = resolve_paragraphs([p.text for p in paragraphs], article.published_edtf or None)
    rows = []
    for paragraph, phrases in zip(paragraphs, found):
        for phrase in phrases:
            rows.append(
                {
                    "paragraph": paragraph.position,
                    "paragraph_id": paragraph.pk,
                    "text": phrase.text,
                    "start": phrase.start,
                    "end": phrase.end,
                    "edtf": phrase.edtf or "",
                    "label": humanize(phrase.edtf, lang) if phrase.edtf else "",
                    "resolution": phrase.resolution,
                    "relative": phrase.relative,
                }
            )
    return rows


def base_year_before(article, paragraph, offset):
    """Return the last year the narrative mentioned before paragraph[offset], or None."""
    paragraphs = list(article.paragraphs.filter(position__lte=paragraph.position))
    texts = [p.text for p in paragraphs]
    texts[-1] = texts[-1][:offset]
    year = None
    for phrases in resolve_paragraphs(texts, article.published_edtf or None):
        for phrase in phrases:
            years = re.findall(r"\d{4}", phrase.edtf or "")
            year = int(years[-1]) if years else year
    return year


RENDERED = ("paragraph", "person", "role__person", "role__organization", "event", "organization", "editor")


def article_annotations(article):
    """Return the article's annotations with their targets, ready to render."""
    return list(Annotation.objects.filter(paragraph__article=article).select_related(*RENDERED))


def paragraph_annotations(paragraph):
    """Return one paragraph's annotations with their targets, ready to render."""
    return Annotation.objects.filter(paragraph=paragraph).select_related(*RENDERED)
