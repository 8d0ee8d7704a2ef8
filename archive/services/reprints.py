"""Reprints in the archive: the shingle index, reprint detection, paragraph alignment and carry-over.

Writes (``article_*``) run inside the caller's transaction; reads (selectors) never write.
The text work itself (fingerprints, containment, alignment, diffs) is textkit's.
"""

from typing import NamedTuple

from django.db import transaction
from django.db.models import Count, Prefetch

from core.signals import content_changed
from textkit.classify import sentence_repeats
from textkit.fold import fold, sentences, to_simplified
from textkit.reprints import MIN_SHARED, align, band_keys, containment, diff_spans, shingles

from ..models import Alignment, Article, Paragraph, ShingleKey

Kind = Paragraph.Kind
# Captions and duplicates repeat the body; boilerplate and metadata are the site's, not the article's.
INDEXED_KINDS = (Kind.BODY, Kind.HEADING)
# The smallest fingerprints of a text are a consistent sample of it (a bottom-k sketch), so a
# query of bounded size still finds any article holding the text.
QUERY_KEYS = 400
CANDIDATES = 5
# Share of the copy's text that must be found in an archived article to call it a reprint.
MIN_CONTAINMENT = 0.5
COPY_ONLY_NOTE = "found only in this copy, not in the original"


class Candidate(NamedTuple):
    article_id: int
    share: float


def article_text(article, kinds=INDEXED_KINDS):
    """Return the text of the article's paragraphs of the given kinds, one per line."""
    return "\n".join(
        article.paragraphs.filter(kind__in=kinds).order_by("position").values_list("text", flat=True)
    )


def text_keys(text):
    """Return the sampled shingle fingerprints of the text as integers, smallest first."""
    return [int(key, 16) for key in band_keys(text)]


@transaction.atomic
def article_index_shingles(*, article):
    """Replace the article's fingerprints in the reprint index with those of its current text."""
    ShingleKey.objects.filter(article=article).delete()
    ShingleKey.objects.bulk_create(
        (ShingleKey(article=article, key=key) for key in text_keys(article_text(article))), batch_size=2000
    )


def reprint_candidates(*, text, exclude=None, limit=CANDIDATES):
    """Return the archived articles sharing the most fingerprints with the text, best first."""
    keys = text_keys(text)[:QUERY_KEYS]
    if not keys:
        return []
    rows = ShingleKey.objects.filter(key__in=keys)
    if exclude is not None:
        rows = rows.exclude(article_id=exclude)
    ranked = (
        rows.values("article_id")
        .annotate(shared=Count("*"))
        .filter(shared__gte=MIN_SHARED)
        .order_by("-shared", "article_id")[:limit]
    )
    return [Candidate(row["article_id"], row["shared"] / len(keys)) for row in ranked]


def original_of(article):
    """Return the article at the root of the reprint_of chain (the article itself when it is no copy)."""
    seen = {article.pk}
    while article.reprint_of_id and article.reprint_of_id not in seen:
        seen.add(article.reprint_of_id)
        article = article.reprint_of
    return article


def find_original(*, article, text=None):
    """Return (original, containment) for the archived article this one copies, or None.

    Candidates come from the fingerprint index and are verified by exact containment of the
    copy's text; a candidate that is itself a copy stands for its original. Among verified
    originals the one holding most of the text wins, then the earliest published.
    """
    text = article_text(article) if text is None else text
    verified = {}
    for candidate in reprint_candidates(text=text, exclude=article.pk):
        found = original_of(Article.objects.select_related("reprint_of").get(pk=candidate.article_id))
        if found.pk == article.pk or found.pk in verified:
            continue
        score = containment(text, article_text(found))
        if score >= MIN_CONTAINMENT:
            verified[found.pk] = (found, score)
    if not verified:
        return None
    return min(verified.values(), key=lambda pair: (-round(pair[1], 2), _published_key(pair[0])))


def _published_key(article):
    return (article.published_lower is None, article.published_lower or "", article.pk)


@transaction.atomic
def article_detect_reprint(*, article):
    """Index the article, and when it copies an archived article set reprint_of and align it.

    Return the original, or None when the article is no reprint.
    """
    article_index_shingles(article=article)
    found = find_original(article=article)
    if found is None:
        return None
    original, score = found
    article_set_original(copy=article, original=original, similarity=score)
    return original


@transaction.atomic
def article_set_original(*, copy, original, similarity=None):
    """Record that copy reprints original (with the share of its text found there) and align them."""
    if similarity is None:
        similarity = containment(article_text(copy), article_text(original))
    copy.reprint_of = original
    copy.reprint_similarity = round(similarity, 3)
    copy.save(update_fields=["reprint_of", "reprint_similarity", "updated_at"])
    return article_align(copy=copy, original=original)


@transaction.atomic
def article_align(*, copy, original):
    """Align every paragraph of copy to the paragraphs of original it copies; return the Alignment rows.

    Boilerplate and metadata are never aligned. A merged line gets one row per source, in the
    order it quotes them; ``aligned_to`` points at the source it shares most text with. Body
    text with no source is noted for editors as copy-only.
    """
    Alignment.objects.filter(paragraph__article=copy).delete()
    copies = list(copy.paragraphs.order_by("position"))
    sources = list(original.paragraphs.order_by("position"))
    results = align(
        [p.text for p in copies],
        [p.text for p in sources],
        [p.kind for p in copies],
        [p.kind for p in sources],
    )
    rows, matched = [], {}
    for result in results:
        paragraph, found = copies[result.copy_index], [sources[j] for j in result.original_indices]
        matched[paragraph.pk] = (found, result.similarity)
        rows += [
            Alignment(paragraph=paragraph, source=s, similarity=result.similarity, rank=n)
            for n, s in enumerate(found, 1)
        ]
    for paragraph in copies:
        _record_match(paragraph, *matched.get(paragraph.pk, ([], None)))
    Paragraph.objects.bulk_update(copies, ["aligned_to", "similarity", "kind_note"])
    created = Alignment.objects.bulk_create(rows)
    # Bulk writes send no model signals: say the reprint's pages changed.
    content_changed.send(sender=Article, using=Article.objects.db, objects=[copy, original])
    return created


def _record_match(paragraph, found, score):
    copied = shingles(paragraph.text)
    best = max(found, key=lambda s: len(copied & shingles(s.text)), default=None)
    paragraph.aligned_to = best
    paragraph.similarity = score if best else None
    if best is None and paragraph.kind == Kind.BODY and score is not None and not paragraph.kind_note:
        paragraph.kind_note = COPY_ONLY_NOTE
    elif best is not None and paragraph.kind_note == COPY_ONLY_NOTE:
        paragraph.kind_note = ""


def copy_only_paragraphs(queryset=None):
    """Return the body paragraphs of reprints that no original paragraph accounts for."""
    queryset = Paragraph.objects.all() if queryset is None else queryset
    return queryset.filter(article__reprint_of__isnull=False, kind=Kind.BODY, alignments__isnull=True)


def mark_sentence_repeats(texts, kinds):
    """Return (kind, note) pairs with a line that only repeats its predecessor's sentence marked duplicate.

    A sentence printed three times may stand once at the end of one line and twice on the next;
    the next line then adds nothing and is not separate evidence.
    """
    marked = list(kinds)
    for i in range(1, len(texts)):
        kind, note = marked[i]
        if kind != Kind.BODY or sentence_repeats(texts[i]) < 2:
            continue
        previous = fold(texts[i - 1])
        parts = {fold(s) for s in sentences(texts[i])} - {""}
        if parts and all(part in previous for part in parts):
            total = sentence_repeats(texts[i]) + 1
            marked[i] = (Kind.DUPLICATE, f"repeats a sentence of paragraph {i} ({total} times in all)")
    return marked


class CompareRow(NamedTuple):
    paragraph: Paragraph
    sources: list
    original_runs: list
    copy_runs: list


def compare_rows(*, copy):
    """Return one row per paragraph of copy: the original text it copies and both sides' diff runs."""
    links = Prefetch("alignments", queryset=Alignment.objects.select_related("source").order_by("rank"))
    rows = []
    for paragraph in copy.paragraphs.order_by("position").prefetch_related(links):
        sources = [link.source for link in paragraph.alignments.all()]
        if sources:
            left, right = diff_runs("".join(s.text for s in sources), paragraph.text)
        else:
            left, right = [], [("equal", paragraph.text)]
        rows.append(CompareRow(paragraph, sources, left, right))
    return rows


def diff_runs(original, copy):
    """Return the original's and the copy's text as (op, piece) runs, reading the copy in simplified form.

    Traditional characters are compared as simplified ones (when the conversion keeps the
    length), so a copy in the other script only shows what it really changed.
    """
    plain = to_simplified(copy)
    comparable = plain if len(plain) == len(copy) else copy
    left, right, at = [], [], 0
    for op, a, b in diff_spans(original, comparable):
        if a:
            left.append((op, a))
        if b:
            right.append((op, copy[at : at + len(b)]))
        at += len(b)
    return left, right


def uncopied_paragraphs(*, copy):
    """Return the body paragraphs of copy's original that copy does not reprint."""
    copied = Alignment.objects.filter(paragraph__article=copy).values("source_id")
    return (
        copy.reprint_of.paragraphs.filter(kind=Kind.BODY).exclude(pk__in=copied)
        if copy.reprint_of_id
        else Paragraph.objects.none()
    )
