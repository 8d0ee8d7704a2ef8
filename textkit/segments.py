"""Flatten overlapping spans of a text into pieces, each knowing the spans that cover it."""

from itertools import pairwise

__all__ = ["pieces"]


def pieces(text, spans):
    """Split text at every span boundary; return [(start, end, [covering spans, innermost first])].

    ``spans`` are objects with ``start`` and ``end`` offsets into text; spans that fall outside it
    are left out. Overlapping spans (a name inside a cited sentence) become flat pieces, so each
    piece can be one element (a link, a mark) without nesting.
    """
    placed = [span for span in spans if 0 <= span.start < span.end <= len(text)]
    cuts = sorted({0, len(text)} | {s.start for s in placed} | {s.end for s in placed})
    out = []
    for lower, upper in pairwise(cuts):
        covering = sorted(
            (s for s in placed if s.start <= lower and upper <= s.end), key=lambda s: s.end - s.start
        )
        out.append((lower, upper, covering))
    return out
