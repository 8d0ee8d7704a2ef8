"""Reads for the annotation workbench: known-name spans, candidate names, dates, highlights."""

import re
from dataclasses import dataclass

from django.db.models import Q

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
    # Unordered: the matcher does not care, and the default orderings would sort every name.
    pairs = [(name, ("person", pk)) for pk, name in Person.objects.order_by().values_list("pk", "name")]
    pairs += [
        (name, ("person", pk)) for pk, name in Alias.objects.order_by().values_list("person_id", "name")
    ]
    pairs += [
        (name, ("organization", pk)) for pk, name in Organization.objects.order_by().values_list("pk", "name")
    ]
    pairs += [
        (name, ("organization", pk))
        for pk, name in OrganizationAlias.objects.order_by().values_list("organization_id", "name")
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
    evidence = [p for p in paragraphs if p.kind in EVIDENCE_KINDS]
    words = {c.text for p in evidence for c in candidate_names(p.text)}
    known = known_names_near(words)
    rows = {}
    for paragraph in evidence:
        for candidate in candidate_names(paragraph.text, known):
            row = rows.setdefault(candidate.text, {"name": candidate.text, "positions": [], "cues": set()})
            row["positions"].append(paragraph.position)
            row["cues"].add(candidate.cue)
    return sorted(rows.values(), key=lambda r: (-len(r["positions"]), r["name"]))


def known_names_near(words):
    """Return the known names that contain one of words or stand inside one, in one query.

    What candidate_names needs to know of the archive's names, without reading them all: a
    candidate is dropped when a known name contains it or stands inside it.
    """
    if not words:
        return []
    inside = {w[i:j] for w in words for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
    match = Q(name__in=inside)
    for word in words:
        match |= Q(name__contains=word)
    models = (Person, Alias, Organization, OrganizationAlias)
    queries = [model.objects.filter(match).order_by().values_list("name", flat=True) for model in models]
    return list(queries[0].union(*queries[1:], all=True))


def date_rows(article, paragraphs, lang="zh", base_year=None):
    """Return the date phrases of the paragraphs, resolved across them, with how.

    base_year is the last year the narrative mentioned before the first of them (for 次年, 同年).
    """
    found = resolve_paragraphs(
        [p.text for p in paragraphs], article.published_edtf or None, base_year=base_year
    )
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


def last_year(edtfs, year=None):
    """Return the last year the EDTF values name, in order; year when none names one."""
    for edtf in edtfs:
        years = re.findall(r"\d{4}", edtf or "")
        year = int(years[-1]) if years else year
    return year


def base_year_before(article, paragraph, offset):
    """Return the last year the narrative mentioned before paragraph[offset], or None."""
    paragraphs = list(article.paragraphs.filter(position__lte=paragraph.position))
    texts = [p.text for p in paragraphs]
    texts[-1] = texts[-1][:offset]
    found = resolve_paragraphs(texts, article.published_edtf or None)
    return last_year(phrase.edtf for phrases in found for phrase in phrases)


RENDERED = ("paragraph", "person", "role__person", "role__organization", "event", "organization", "editor")


def article_annotations(article):
    """Return the article's annotations with their targets, ready to render."""
    return list(Annotation.objects.filter(paragraph__article=article).select_related(*RENDERED))


def annotations_by_paragraph(paragraphs):
    """Return {paragraph id: its annotations with their targets, ready to render} in one query."""
    found = {paragraph.pk: [] for paragraph in paragraphs}
    annotations = Annotation.objects.filter(paragraph__in=list(found)).select_related(*RENDERED)
    for annotation in annotations.order_by("start", "pk"):
        found[annotation.paragraph_id].append(annotation)
    return found


def article_orphans(article):
    """Return the article's orphaned annotations (few: the editors' queue keeps them short)."""
    return list(
        Annotation.objects.filter(paragraph__article=article, orphaned=True)
        .select_related(*RENDERED)
        .order_by("paragraph__position", "start", "pk")
    )
