"""Classify the paragraphs of an article: body, heading, caption, metadata, boilerplate, duplicate."""

import re
from collections import Counter
from typing import NamedTuple

from . import chrome
from .chrome import is_caption_like, is_copyright, is_credit, is_dialogue, is_navigation
from .fold import fold, sentences

BODY, HEADING, CAPTION = "body", "heading", "caption"
METADATA, BOILERPLATE, DUPLICATE = "metadata", "boilerplate", "duplicate"
KINDS = (BODY, HEADING, CAPTION, METADATA, BOILERPLATE, DUPLICATE)

HEADING_MAX = 16
TERMINAL = "。！？!?；;…:：,，、"
SENTENCE_END = "。！？!?…”」"
_SITE_SUFFIX = re.compile(r"(公司|厂|网|集团|中心|研究院|协会|门户|频道|官网|在线)$")
# A caption restates a sentence of a neighbouring paragraph; see _caption_of.
_NEIGHBOURHOOD = 2
CAPTION_MAX = 60
# Short unmarked lines after the article's last body paragraph are the site's, not the writer's.
TAIL_MAX = 30
QUOTED_HEADING_MAX = 40


class Classified(NamedTuple):
    kind: str
    note: str = ""
    repeats: int | None = None


def classify(paragraphs: list[str], hints: list[str | None] | None = None) -> list[Classified]:
    """Return the kind of each paragraph, with a note saying why when it is not plain body.

    ``hints`` are kinds the source's markup suggests (an <h2>, a markdown image,
    a line of links): taken unless the text itself says boilerplate or metadata.
    """
    folded = [fold(p) for p in paragraphs]
    hints = list(hints or [None] * len(paragraphs))
    result: list[Classified | None] = [None] * len(paragraphs)
    _mark_boilerplate(paragraphs, folded, result, hints)
    _mark_metadata(paragraphs, folded, result, hints)
    _mark_header(paragraphs, folded, result)
    _mark_related_lists(paragraphs, result)
    _mark_duplicates(paragraphs, folded, result)
    _mark_repeats(paragraphs, result)
    _mark_hinted(paragraphs, result, hints)
    _mark_headings(paragraphs, folded, result)
    _mark_captions(paragraphs, folded, result)
    _mark_tail(paragraphs, folded, result)
    return [r or Classified(BODY) for r in result]


def sentence_repeats(text: str) -> int:
    """Return how many times the most repeated sentence of the text occurs in it."""
    counts = Counter(f for f in map(fold, sentences(text)) if len(f) >= 6)
    return max(counts.values(), default=1)


def dedupe_sentences(text: str) -> str:
    """Return the text with every repeated sentence kept only at its first occurrence."""
    seen, kept = set(), []
    for sentence in sentences(text):
        key = fold(sentence)
        if len(key) >= 6 and key in seen:
            continue
        seen.add(key)
        kept.append(sentence)
    return "".join(kept)


def is_metadata(text: str) -> bool:
    """Tell whether a line gives the date, source, author or editor of the article, or credits a reprint."""
    return chrome.is_dateline(text) or is_credit(text)


def _mark_boilerplate(paragraphs, folded, result, hints):
    for i, text in enumerate(paragraphs):
        if len(folded[i]) <= 4 and not folded[i].isalpha() and not chrome.is_dateline(text):
            result[i] = Classified(BOILERPLATE, "stray number or symbol")
        elif folded[i].isdigit() and not chrome.is_dateline(text):
            result[i] = Classified(BOILERPLATE, "numbers only (a calendar, a counter)")
        elif is_copyright(text):
            result[i] = Classified(BOILERPLATE, "copyright notice")
        elif chrome.is_disclaimer(text):
            result[i] = Classified(BOILERPLATE, "disclaimer or contact notice")
        elif is_navigation(text) and (chrome.has_nav_word(text) or not is_metadata(text)):
            result[i] = Classified(BOILERPLATE, "navigation")
        elif hints[i] == BOILERPLATE:
            result[i] = Classified(BOILERPLATE, "links or a linked image")
    notices = [folded[i] for i, r in enumerate(result) if r]
    for i in _edge_indices(len(paragraphs)):
        if result[i] is None and _is_site_name(paragraphs[i], folded[i], notices, i):
            result[i] = Classified(BOILERPLATE, "site name")


def _edge_indices(count: int, width: int = 3) -> list[int]:
    return sorted(set(range(min(width, count))) | set(range(max(0, count - width), count)))


def _is_site_name(text, key, notices, index):
    if not key or len(text) > 30 or text[-1] in TERMINAL:
        return False
    if any(key in notice for notice in notices if notice != key):
        return True
    return index == 0 and bool(_SITE_SUFFIX.search(text))


def _mark_metadata(paragraphs, folded, result, hints):
    for i, text in enumerate(paragraphs):
        if result[i] is None and (is_metadata(text) or hints[i] == METADATA):
            result[i] = Classified(
                METADATA, "credit or reprint notice" if is_credit(text) else "date, source or author line"
            )


def _body_like(text: str, key: str) -> bool:
    """Tell whether a paragraph reads as the writer's prose: long, or a closed sentence (a title asks)."""
    return len(key) >= 50 or (len(key) >= 20 and text.rstrip("”」』\"'）) ")[-1:] in "。！!…")


def _mark_header(paragraphs, folded, result):
    """Mark the page's head above the first body paragraph: its title, byline and app or site chrome.

    Only a head holding a dateline or credit is read so: that is how a page
    (not a writer) opens.
    """
    start = next(
        (i for i, t in enumerate(paragraphs) if _body_like(t, folded[i]) and result[i] is None),
        len(paragraphs),
    )
    if not any(result[i] and result[i].kind == METADATA for i in range(start)):
        return
    free = [i for i in range(start) if result[i] is None]
    if not free:
        return
    title = max(
        free, key=lambda i: (paragraphs[i][-1] not in TERMINAL or len(folded[i]) > 12, len(folded[i]), -i)
    )
    last_meta = max(i for i in range(start) if result[i] and result[i].kind == METADATA)
    for i in free:
        if i > last_meta and i != title and paragraphs[i][-1] in "。！？!?”」":
            continue  # a sentence under the dateline is the article's lead, however short
        if i == title or folded[i] == folded[title]:
            result[i] = Classified(METADATA, "title")
        elif chrome.is_bracketed_byline(paragraphs[i]):
            result[i] = Classified(METADATA, "byline")
        elif len(folded[i]) <= 40:
            result[i] = Classified(BOILERPLATE, "page chrome above the title")


def _mark_related_lists(paragraphs, result):
    """Mark a "related articles" header and the short titles listed under it."""
    listing = False
    for i, text in enumerate(paragraphs):
        if chrome.is_list_header(text):
            result[i] = Classified(BOILERPLATE, "related-article list")
            listing = True
        elif listing and result[i] is None and len(text) <= 40 and text[-1] not in SENTENCE_END:
            result[i] = Classified(BOILERPLATE, "related-article list")
        elif result[i] is None:
            listing = False


def _mark_hinted(paragraphs, result, hints):
    for i, text in enumerate(paragraphs):
        if result[i] is not None:
            continue
        if hints[i] == CAPTION or (hints[i] is None and _caption_marked(text)):
            result[i] = Classified(CAPTION, "image caption")
        elif hints[i] == HEADING:
            result[i] = Classified(HEADING, "marked as a heading")


def _caption_marked(text):
    if chrome.is_caption_prefixed(text):
        return True
    return is_caption_like(text) and not is_dialogue(text) and text[-1] not in "。！？!?"


def _mark_tail(paragraphs, folded, result):
    last = max(
        (i for i, r in enumerate(result) if r is None and _body_like(paragraphs[i], folded[i])), default=None
    )
    if last is None:
        return
    for i in range(last + 1, len(paragraphs)):
        # A heading heads body text: one with none after it is the site's box title.
        loose = result[i] is None or (
            result[i].kind == HEADING and not _body_after(paragraphs, folded, result, i)
        )
        if loose and len(folded[i]) <= TAIL_MAX and paragraphs[i][-1] not in "。！？!?":
            result[i] = Classified(BOILERPLATE, "after the article")


def _body_after(paragraphs, folded, result, i):
    return any(
        result[j] is None and _body_like(paragraphs[j], folded[j]) for j in range(i + 1, len(paragraphs))
    )


def _mark_duplicates(paragraphs, folded, result):
    first_seen: dict[str, int] = {}
    for i, key in enumerate(folded):
        if result[i] is not None or not key:
            continue
        if key in first_seen:
            result[_copied_one(folded, first_seen[key], i)] = Classified(
                DUPLICATE, "repeats another paragraph"
            )
        else:
            first_seen[key] = i
        later = _truncated_copy_of(paragraphs, folded, i)
        if later is not None:
            result[i] = Classified(DUPLICATE, f"truncated copy of paragraph {later + 1}")


def _copied_one(folded, first, second):
    """Return which of two equal paragraphs is the copy: the later, unless the earlier leads a cut-off run."""
    follower = folded[first + 1] if first + 1 < len(folded) else ""
    original_next = folded[second + 1] if second + 1 < len(folded) else ""
    if follower and follower != original_next and original_next.startswith(follower):
        return first
    return second


def _truncated_copy_of(paragraphs, folded, i):
    """Return the later paragraph this one is a cut-off beginning of, if any."""
    key = folded[i]
    if len(key) < 8 or paragraphs[i].rstrip()[-1] in "。！？!?”」":
        return None
    for j in range(i + 1, len(folded)):
        if len(folded[j]) > len(key) and folded[j].startswith(key):
            return j
    return None


def _mark_repeats(paragraphs, result):
    for i, text in enumerate(paragraphs):
        if result[i] is not None:
            continue
        repeats = sentence_repeats(text)
        if repeats > 1:
            result[i] = Classified(BODY, f"sentence repeated {repeats} times", repeats)


def _mark_headings(paragraphs, folded, result):
    for i, text in enumerate(paragraphs):
        if result[i] is not None or is_dialogue(text) or is_caption_like(text):
            continue
        if _looks_like_heading(text, folded[i]) and _body_follows(folded, result, i):
            result[i] = Classified(HEADING, "short line before body text")
        elif _question_heading(paragraphs, folded, result, i) or _quoted_heading(text, folded, result, i):
            result[i] = Classified(HEADING, "section title before body text")


def _looks_like_heading(text, key):
    # A quotation that closes a sentence (「…吧！」) is speech, not a title.
    end = text.rstrip("”」』\"'")[-1:] if text[-1] in "”」』\"'" else text[-1:]
    return 0 < len(text) <= HEADING_MAX and end not in TERMINAL and not key.isdigit()


def _next_body(folded, result, i):
    return next((j for j in range(i + 1, len(folded)) if result[j] is None or result[j].kind == BODY), None)


def _body_follows(folded, result, i):
    j = _next_body(folded, result, i)
    return j is not None and len(folded[j]) >= 20 and len(folded[j]) >= 1.2 * len(folded[i])


def _question_heading(paragraphs, folded, result, i):
    """Tell whether a short question stands between body paragraphs as a section title."""
    text = paragraphs[i]
    if len(text) > HEADING_MAX or text[-1] not in "？?" or len(sentences(text)) != 1 or i == 0:
        return False
    j = _next_body(folded, result, i)
    before = paragraphs[i - 1]
    return (
        j is not None
        and len(folded[j]) >= 40
        and not is_dialogue(paragraphs[j])
        and len(fold(before)) >= 40
        and not is_dialogue(before)
    )


def _quoted_heading(text, folded, result, i):
    """Tell whether a whole-line quotation without a sentence end titles the section after it."""
    if len(text) > QUOTED_HEADING_MAX or text[0] not in '“「"' or text[-1] not in '”」"':
        return False
    if any(ch in text[1:-1] for ch in "。！？!?"):
        return False
    j = _next_body(folded, result, i)
    return j is not None and len(folded[j]) >= 6


def _mark_captions(paragraphs, folded, result):
    for i, _text in enumerate(paragraphs):
        if result[i] is not None or len(folded[i]) < 6:
            continue
        source = _caption_of(paragraphs, folded, result, i)
        if source is not None:
            result[i] = Classified(CAPTION, f"restates paragraph {source + 1}")


def _caption_of(paragraphs, folded, result, i):
    """Return the longer paragraph this one restates (a photo caption or pull quote), if any."""
    for j, other in enumerate(folded):
        if j == i or len(other) <= len(folded[i]) or (result[j] and result[j].kind != BODY):
            continue
        near = abs(i - j) <= _NEIGHBOURHOOD
        if _restates(paragraphs[i], folded[i], other, near):
            return j
    return None


def _restates(text, key, other, near):
    """Tell whether the short text repeats the longer one: nearly all its bigrams, or, next to it, one sentence."""
    if _gram_containment(key, other) >= (0.75 if near else 0.85):
        return True
    if not near or len(key) > CAPTION_MAX or len(other) > 6 * len(key):
        return False
    parts = [fold(s) for s in sentences(text)]
    return any(
        len(p) >= 10 and _char_containment(p, other) >= 0.85 and _gram_containment(p, other) >= 0.5
        for p in parts
    )


def _grams(text, n=2):
    return {text[k : k + n] for k in range(len(text) - n + 1)}


def _gram_containment(key, other):
    grams = _grams(key)
    return len(grams & _grams(other)) / len(grams) if grams else 0.0


def _char_containment(key, other):
    chars = set(other)
    return sum(ch in chars for ch in key) / len(key)
