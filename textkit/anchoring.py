"""Find an annotated quote again after its text was edited (W3C TextQuoteSelector re-anchoring).

An annotation remembers its quote, up to 32 characters before it (prefix) and after it (suffix),
and where it stood. After an edit:

1. every exact occurrence of the quote is scored by how well the text around it agrees with the
   prefix and suffix, ties going to the occurrence nearest the old position;
2. when the quote no longer occurs verbatim, a quote of at least ``MIN_FUZZY_CHARS`` characters
   is aligned approximately (rapidfuzz), inside the region the prefix and suffix point to;
3. otherwise nothing is returned, and the caller keeps the annotation as an orphan.

Short quotes (a two-character name) are never placed approximately: a near match of "杨猛" is
another word, not the same mention.
"""

from dataclasses import dataclass

from rapidfuzz import fuzz

__all__ = [
    "CONTEXT_CHARS",
    "Placement",
    "find_quote",
    "quote_selector",
    "reanchor",
    "MIN_FUZZY_CHARS",
    "MIN_SCORE",
]

CONTEXT_CHARS = 32  # prefix and suffix kept with a quote, to find it again after an edit
MIN_FUZZY_CHARS = 4
MIN_SCORE = 80.0
_TRIM = 3


@dataclass(frozen=True)
class Placement:
    """Where a quote stands in the edited text; exact is False for an approximate placement."""

    start: int
    end: int
    quote: str
    score: float
    exact: bool


def quote_selector(text, start, end, context=CONTEXT_CHARS):
    """Return the W3C text quote and position of text[start:end]: quote, prefix, suffix, start, end.

    Raise ValueError when start..end is not a non-empty span inside text.
    """
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"the span {start}–{end} is outside the text (0–{len(text)})")
    return {
        "quote": text[start:end],
        "prefix": text[max(0, start - context) : start],
        "suffix": text[end : end + context],
        "start": start,
        "end": end,
    }


def find_quote(text, quote, occurrence=1):
    """Return the start of the n-th occurrence of quote in text, or raise ValueError."""
    if not quote:
        raise ValueError("empty quote")
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            raise ValueError(f"quote “{quote[:40]}” (occurrence {occurrence}) is not in the paragraph")
    return start


def reanchor(text, *, quote, prefix="", suffix="", hint=None, min_score=MIN_SCORE):
    """Return the Placement of quote in text, or None when it cannot be placed with confidence."""
    if not quote or not text:
        return None
    exact = _exact(text, quote, prefix, suffix, hint)
    if exact is not None:
        return exact
    if len(quote) < MIN_FUZZY_CHARS:
        return None
    return _approximate(text, quote, prefix, suffix, min_score)


def _exact(text, quote, prefix, suffix, hint):
    starts, at = [], text.find(quote)
    while at >= 0:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        return None
    hint = starts[0] if hint is None else hint
    best = max(
        starts, key=lambda s: (_context_score(text, s, s + len(quote), prefix, suffix), -abs(s - hint))
    )
    return Placement(best, best + len(quote), quote, 100.0, True)


def _context_score(text, start, end, prefix, suffix):
    """Return how well the text around start..end agrees with prefix and suffix (0–200)."""
    score = 0.0
    if prefix:
        score += fuzz.ratio(prefix, text[max(0, start - len(prefix)) : start])
    if suffix:
        score += fuzz.ratio(suffix, text[end : end + len(suffix)])
    return score


def _approximate(text, quote, prefix, suffix, min_score):
    lo, hi = 0, len(text)
    if prefix or suffix:
        window = fuzz.partial_ratio_alignment(prefix + quote + suffix, text)
        if window is not None and window.score >= 50 and len(text) > len(prefix + quote + suffix):
            lo = max(0, window.dest_start - len(quote))
            hi = min(len(text), window.dest_end + len(quote))
    region = text[lo:hi]
    if len(region) < len(quote):
        region, lo = text, 0
    aligned = fuzz.partial_ratio_alignment(quote, region, score_cutoff=min_score)
    if aligned is None:
        return None
    start, end = _refine(text, quote, lo + aligned.dest_start, lo + aligned.dest_end)
    score = fuzz.ratio(quote, text[start:end])
    if score < min_score:
        return None
    return Placement(start, end, text[start:end], round(score, 1), False)


def _refine(text, quote, start, end):
    """Return the bounds near start..end whose text is most like quote (insertions move ends)."""
    best = (fuzz.ratio(quote, text[start:end]), start, end)
    for s in range(max(0, start - _TRIM), min(len(text), start + _TRIM) + 1):
        for e in range(max(s + 1, end - _TRIM), min(len(text), end + _TRIM) + 1):
            score = fuzz.ratio(quote, text[s:e])
            if score > best[0]:
                best = (score, s, e)
    return best[1], best[2]
