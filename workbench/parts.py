"""A long article in parts: which paragraphs the workbench shows at a time, and what it shows of them.

The page renders the first part; the next ones come from ``api_parts.part`` as the editor scrolls
near the end or presses "Load the next paragraphs". A part is a run of consecutive paragraphs: at
most PART_PARAGRAPHS of them and at most PART_CHARACTERS characters (a longer paragraph is a part
of its own). Everything the page shows per paragraph comes with its part (marks, annotations,
suggestions, possible new names, date phrases), so a request costs what its part holds, never
what the article holds: tests/workbench/test_parts.py counts the queries.

Why these sizes: the work per part (marks, the date and name scans) grows with its characters,
and 8,000 characters of Chinese fill about eight screens of the text column, enough that the next
part arrives before the editor reaches the end. The paragraph cap bounds what does not grow with
the text (one section, one link and one row per paragraph) when paragraphs are short lines. The
demo feature (133 paragraphs, 9,800 characters) comes in two parts, ¶1–80 and ¶81–133.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

from archive.models import Annotation

from . import selectors
from .rendering import annotations_json, render_text, status_labels

PART_PARAGRAPHS = 80
PART_CHARACTERS = 8_000
UNKNOWN = object()  # the year before a part, when the caller does not carry it from the last one


@dataclass
class Part:
    article: object
    paragraphs: list
    annotations: dict  # paragraph id -> its annotations, ready to render
    year_before: int | None  # the last year the narrative named before the part (for 次年, 同年)
    more: bool  # paragraphs follow the part

    @property
    def last(self):
        return self.paragraphs[-1].position if self.paragraphs else None


def part_after(article, after, *, year=UNKNOWN):
    """Return the part of article that follows paragraph position after (0 for the first part).

    year is the last year named before it, as the previous part's answer gave it; without it the
    paragraphs before are read again to find it (the dates endpoint does the same).
    """
    window = list(article.paragraphs.filter(position__gt=after).order_by("position")[: PART_PARAGRAPHS + 1])
    paragraphs = _within_budget(window[:PART_PARAGRAPHS])
    if year is UNKNOWN:
        year = selectors.base_year_before(article, paragraphs[0], 0) if paragraphs and after else None
    return Part(
        article=article,
        paragraphs=paragraphs,
        annotations=selectors.annotations_by_paragraph(paragraphs),
        year_before=year,
        more=len(window) > len(paragraphs),
    )


def _within_budget(paragraphs):
    kept, size = [], 0
    for paragraph in paragraphs:
        size += len(paragraph.text)
        if kept and size > PART_CHARACTERS:
            break
        kept.append(paragraph)
    return kept


def part_context(part, lang):
    """Return what the page and the part endpoint draw of a part."""
    labels = status_labels()
    annotations = [a for p in part.paragraphs for a in part.annotations[p.pk]]
    dates = selectors.date_rows(part.article, part.paragraphs, lang, base_year=part.year_before)
    return {
        "rows": [
            {"paragraph": p, "html": render_text(p.text, part.annotations[p.pk], labels)}
            for p in part.paragraphs
        ],
        "annotations": annotations_json(annotations),
        "suggestions": [a for a in annotations if a.status == Annotation.Status.SUGGESTED],
        "candidates": selectors.candidate_rows(part.paragraphs),
        "dates": dates,
        "last": part.last,
        "next": part.last if part.more else None,
        "year": selectors.last_year((row["edtf"] for row in dates), part.year_before),
    }


def part_json(article, context):
    """Return a part as the page's script inserts it: HTML drawn by the page's own templates."""
    return {
        "last": context["last"],
        "next": context["next"],
        "year": context["year"],
        "html": render_to_string("workbench/_paragraphs.html", {"rows": context["rows"], "article": article}),
        "annotations": context["annotations"],
        "suggestions_html": render_to_string(
            "workbench/_suggestion_items.html", {"suggestions": context["suggestions"]}
        ),
        "candidates": [{"name": c["name"], "positions": c["positions"]} for c in context["candidates"]],
        "dates_html": render_to_string("workbench/_date_rows.html", {"dates": context["dates"]}),
    }
