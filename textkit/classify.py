"""Classify the paragraphs of an article: body, heading, caption, metadata, boilerplate, duplicate."""

import re
from collections import Counter
from typing import NamedTuple

from .fold import fold, sentences

BODY, HEADING, CAPTION = "body", "heading", "caption"
METADATA, BOILERPLATE, DUPLICATE = "metadata", "boilerplate", "duplicate"
KINDS = (BODY, HEADING, CAPTION, METADATA, BOILERPLATE, DUPLICATE)

HEADING_MAX = 16
TERMINAL = "。！？!?；;…:：,，、"
_COPYRIGHT = re.compile(r"copyright|版权所有|©|\(c\)\s*\d{4}|icp[备証证]|公网安备|all rights reserved", re.I)
_NAV_WORDS = re.compile(
    r"网站地图|网站首页|返回首页|返回顶部|联系我们|关于我们|设为首页|加入收藏|上一篇|下一篇|"
    r"分享到|扫一扫|技术支持|友情链接|免责声明|隐私政策"
)
_META = re.compile(
    r"^(发布时间|发布日期|发表时间|更新时间|时间|日期|来源|来自|出处|作者|记者|编辑|责任编辑|"
    r"责编|原标题|浏览次数|阅读|点击|关键词|标签|文章来源|本文来源)\s*[:：]"
)
_DATE = re.compile(r"(19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_NAV_SEP = re.compile(r"\s*[|｜]\s*|\s{2,}|\s*[·>»]\s*")
_SITE_SUFFIX = re.compile(r"(公司|厂|网|集团|中心|研究院|协会|门户|频道|官网|在线)$")
# A caption restates a sentence of a neighbouring paragraph; see _caption_of.
_NEIGHBOURHOOD = 2
CAPTION_MAX = 60


class Classified(NamedTuple):
    kind: str
    note: str = ""
    repeats: int | None = None


def classify(paragraphs: list[str]) -> list[Classified]:
    """Return the kind of each paragraph, with a note saying why when it is not plain body."""
    folded = [fold(p) for p in paragraphs]
    result: list[Classified | None] = [None] * len(paragraphs)
    _mark_boilerplate(paragraphs, folded, result)
    _mark_metadata(paragraphs, folded, result)
    _mark_duplicates(paragraphs, folded, result)
    _mark_repeats(paragraphs, result)
    _mark_headings(paragraphs, folded, result)
    _mark_captions(paragraphs, folded, result)
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


def is_navigation(text: str) -> bool:
    """Tell whether a line is a menu: short items separated by bars or wide spaces."""
    if _NAV_WORDS.search(text) and len(text) <= 60:
        return True
    items = [item for item in _NAV_SEP.split(text) if item]
    if "|" in text or "｜" in text:
        return len(text) <= 120 and all(len(item) <= 12 for item in items)
    return len(items) >= 3 and all(len(item) <= 8 for item in items)


def is_copyright(text: str) -> bool:
    """Tell whether a line is a copyright or licence notice."""
    return len(text) <= 160 and bool(_COPYRIGHT.search(text))


def is_metadata(text: str) -> bool:
    """Tell whether a line gives the date, source, author or editor of the article."""
    if len(text) > 80:
        return False
    if _META.match(text):
        return True
    stripped = _DATE.sub("", text)
    return bool(_DATE.search(text)) and len(fold(stripped)) <= 12


def _mark_boilerplate(paragraphs, folded, result):
    for i, text in enumerate(paragraphs):
        if len(folded[i]) <= 4 and not folded[i].isalpha():
            result[i] = Classified(BOILERPLATE, "stray number or symbol")
        elif is_copyright(text):
            result[i] = Classified(BOILERPLATE, "copyright notice")
        elif is_navigation(text):
            result[i] = Classified(BOILERPLATE, "navigation")
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


def _mark_metadata(paragraphs, folded, result):
    first_meta = None
    for i, text in enumerate(paragraphs):
        if result[i] is None and is_metadata(text):
            result[i] = Classified(METADATA, "date, source or author line")
            first_meta = i if first_meta is None else first_meta
    if first_meta is None or first_meta > 5:
        return
    # Lines above the dateline of a reprint are its title and kicker, not its text.
    for i in range(first_meta):
        if result[i] is None and len(folded[i]) <= 40:
            result[i] = Classified(METADATA, "title")


def _mark_duplicates(paragraphs, folded, result):
    first_seen: dict[str, int] = {}
    for i, key in enumerate(folded):
        if result[i] is not None or not key:
            continue
        if key in first_seen:
            result[_copied_one(folded, first_seen[key], i)] = Classified(DUPLICATE, "repeats another paragraph")
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
        if result[i] is None and _looks_like_heading(text, folded[i]) and _body_follows(folded, result, i):
            result[i] = Classified(HEADING, "short line before body text")


def _looks_like_heading(text, key):
    return 0 < len(text) <= HEADING_MAX and text[-1] not in TERMINAL and not key.isdigit()


def _body_follows(folded, result, i):
    for j in range(i + 1, len(folded)):
        if result[j] is None or result[j].kind == BODY:
            return len(folded[j]) >= 2 * len(folded[i]) and len(folded[j]) >= 20
    return False


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
        len(p) >= 10 and _char_containment(p, other) >= 0.85 and _gram_containment(p, other) >= 0.5 for p in parts
    )


def _grams(text, n=2):
    return {text[k : k + n] for k in range(len(text) - n + 1)}


def _gram_containment(key, other):
    grams = _grams(key)
    return len(grams & _grams(other)) / len(grams) if grams else 0.0


def _char_containment(key, other):
    chars = set(other)
    return sum(ch in chars for ch in key) / len(key)
