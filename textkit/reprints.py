"""Find, verify and align reprints: shingle fingerprints, containment, paragraph alignment, diffs."""

import difflib
import hashlib
from typing import NamedTuple

from rapidfuzz import fuzz, process

from .classify import BODY, BOILERPLATE, METADATA, classify, dedupe_sentences
from .fold import fold, sentences

SHINGLE = 5
# Keep the shingles whose hash is 0 modulo this: a shared passage keeps the same
# sample in every copy, so counts of shared keys measure containment (winnowing
# by 0-mod-p, as plagiarism detectors do), which MinHash over whole documents
# cannot for a partial copy.
MODULUS = 8
KEY_HEX = 12
MIN_SHARED = 3
NOT_ALIGNED = {BOILERPLATE, METADATA}
WHOLE_MATCH = 90
PIECE_MATCH = 75
MIN_SENTENCE = 6
# A short piece matches by chance: its floor rises with shortness (a 10-character caption needs 90).
SHORT_FLOOR = 150


def piece_floor(length: int) -> float:
    """Return the partial-match score a copy sentence of this many folded characters must reach."""
    return min(97.0, PIECE_MATCH + SHORT_FLOOR / max(length, 1))


class Alignment(NamedTuple):
    copy_index: int
    original_indices: list[int]
    similarity: float


def shingles(text: str, n: int = SHINGLE, *, folded: bool = False) -> set[str]:
    """Return the character n-grams of the folded text (the whole text when shorter than n)."""
    key = text if folded else fold(text)
    if len(key) <= n:
        return {key} if key else set()
    return {key[i : i + n] for i in range(len(key) - n + 1)}


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def band_keys(text: str, modulus: int = MODULUS) -> list[str]:
    """Return the sampled shingle fingerprints of the text as short hex strings, sorted.

    Store them one row per key; candidates for a new text are the articles
    sharing the most keys (``WHERE key IN (...) GROUP BY article ORDER BY COUNT(*) DESC``).
    """
    keys = {h for h in map(_hash, shingles(text)) if h % modulus == 0}
    return sorted(f"{h >> (64 - 4 * KEY_HEX):0{KEY_HEX}x}" for h in keys)


def containment(copy_text: str, original_text: str) -> float:
    """Return the share of the copy's folded shingles found in the original (0..1)."""
    copied = shingles(copy_text)
    return len(copied & shingles(original_text)) / len(copied) if copied else 0.0


def similarity(a: str, b: str) -> float:
    """Return the edit similarity of the folded texts (0..1)."""
    return fuzz.ratio(fold(a), fold(b)) / 100


def align(
    copy_paragraphs: list[str],
    original_paragraphs: list[str],
    copy_kinds=None,
    original_kinds=None,
) -> list[Alignment]:
    """Return, for each copy paragraph that is not boilerplate or metadata, the original paragraphs it copies.

    A paragraph matching one original paragraph as a whole maps to it; otherwise
    each sentence finds the original paragraph that contains it, so a merged line
    maps to its sources in the order it quotes them and a piece of a split
    paragraph maps to its source. Repeated sentences are dropped first. Text
    found only in the copy gets ``original_indices == []``.
    """
    copy_kinds = _kinds(copy_kinds, copy_paragraphs)
    original_kinds = _kinds(original_kinds, original_paragraphs)
    targets = [j for j, kind in enumerate(original_kinds) if kind not in NOT_ALIGNED]
    target_keys = [fold(original_paragraphs[j]) for j in targets]
    rows = [i for i, kind in enumerate(copy_kinds) if kind not in NOT_ALIGNED]
    texts = [dedupe_sentences(copy_paragraphs[i]) for i in rows]
    if not targets:
        return [Alignment(i, [], 0.0) for i in rows]
    ratios = process.cdist([fold(t) for t in texts], target_keys, scorer=fuzz.ratio)
    matcher = _Matcher(targets, target_keys, [original_kinds[j] for j in targets])
    return [
        matcher.align(i, text, ratios[row], copy_kinds[i]) for row, (i, text) in enumerate(zip(rows, texts))
    ]


def _kinds(kinds, paragraphs) -> list[str]:
    if kinds is None:
        kinds = classify(paragraphs)
    return [getattr(kind, "kind", kind) for kind in kinds]


class _Matcher:
    """Match copy text against the alignable original paragraphs."""

    def __init__(self, targets, keys, kinds):
        self.targets, self.keys, self.kinds = targets, keys, kinds

    def align(self, index: int, text: str, ratios, kind: str) -> Alignment:
        # Equal text twice in the original (a duplicate lead, a caption): match kind to kind, else prefer body.
        rank = [(k != kind, k != BODY) for k in self.kinds]
        best = _pick(ratios, None, rank)
        if ratios[best] >= WHOLE_MATCH:
            return Alignment(index, [self.targets[best]], round(ratios[best] / 100, 3))
        sources, score = self._by_sentence(text, rank)
        return Alignment(index, sources, score)

    def _by_sentence(self, text: str, rank) -> tuple[list[int], float]:
        parts = [key for key in map(fold, sentences(text)) if key]
        picks, weighted, previous = [], 0.0, None
        for key in parts:
            pick, score = self._sentence_source(key, previous, rank)
            picks.append(pick)
            previous = pick if pick is not None else previous
            weighted += score * len(key)
        sources = list(dict.fromkeys(self.targets[p] for p in _fill_short(picks, parts) if p is not None))
        total = sum(map(len, parts))
        return sources, (round(weighted / total / 100, 3) if sources else 0.0)

    def _sentence_source(self, key, previous, rank):
        if len(key) < MIN_SENTENCE:
            return None, 100.0
        scores = [
            fuzz.partial_ratio(key, target) if len(target) >= 0.8 * len(key) else 0.0 for target in self.keys
        ]
        best = _pick(scores, previous, rank)
        return (best, scores[best]) if scores[best] >= piece_floor(len(key)) else (None, 0.0)


def _pick(scores, preferred, rank) -> int:
    """Return the position of the best score; near-ties go to the preferred target, then by rank."""
    top = max(scores)
    near = [k for k, s in enumerate(scores) if s >= top - 0.5]
    return min(near, key=lambda k: (k != preferred, rank[k], -scores[k], k))


def _fill_short(picks, parts):
    """Return the picks with short sentences given their neighbour's source."""
    filled = list(picks)
    for k, key in enumerate(parts):
        if filled[k] is None and len(key) < MIN_SENTENCE:
            filled[k] = next((p for p in reversed(filled[:k]) if p is not None), None)
    return filled


def diff_spans(a: str, b: str) -> list[tuple[str, str, str]]:
    """Return (op, a_text, b_text) runs of a character diff; op is equal, replace, delete or insert."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(op, a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes()]
