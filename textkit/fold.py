"""Fold Chinese text to a normal form for comparing copies, and split it into sentences."""

import functools
import unicodedata

_SENTENCE_END = "。！？!?；;"
_CLOSERS = "”’」』）)》〉\"'"
_OPENERS = {"“": "”", "「": "」", "『": "』", "（": "）", "(": ")"}
# A quote left open this long is a typo, not a quotation: stop protecting it.
_MAX_QUOTED = 200


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=4096)
def _keep(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN"


@functools.lru_cache(maxsize=8192)
def to_simplified(text: str) -> str:
    """Return the text converted from traditional to simplified characters.

    Kept for the last few thousand texts: the pure-Python OpenCC is slow, and an original's
    paragraphs are folded again for every copy compared with it (reprint detection, alignment).
    """
    return _t2s().convert(text) if text else text


def fold(text: str) -> str:
    """Return the comparison form: simplified, half-width, lower case, letters and digits only."""
    text = unicodedata.normalize("NFKC", to_simplified(text))
    return "".join(ch for ch in text if _keep(ch)).lower()


def sentences(text: str) -> list[str]:
    """Split the text into sentences on 。！？!?；; keeping quotations whole.

    A terminator inside “…” does not end the sentence; the closing quote does
    when a terminator precedes it (“…不爽。”). Closing quotes and brackets that
    follow a terminator stay with the sentence they close.
    """
    out, start, stack, i = [], 0, [], 0
    while i < len(text):
        ch = text[i]
        if ch in _OPENERS:
            stack.append(_OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        if stack and i - start > _MAX_QUOTED:
            stack.clear()
        if ch in _SENTENCE_END and not stack:
            i = _skip_closers(text, i + 1)
            out.append(text[start:i])
            start = i
            continue
        if ch in _CLOSERS and not stack and i > 0 and text[i - 1] in _SENTENCE_END:
            out.append(text[start : i + 1])
            start = i + 1
        i += 1
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _skip_closers(text: str, i: int) -> int:
    while i < len(text) and (text[i] in _CLOSERS or text[i] in _SENTENCE_END):
        i += 1
    return i
