"""Extract the article body from an HTML page: trafilatura first, the stdlib parser as fallback."""

import re
from collections import Counter
from html.parser import HTMLParser
from typing import NamedTuple

SKIPPED_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "template",
    "svg",
    "canvas",
    "object",
    "embed",
    "select",
    "button",
    "head",
}
BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "br",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "main",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "body",
    "center",
}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CONTAINER_TAGS = {"div", "section", "article", "main", "td", "body", "blockquote", "center"}
VOID_TAGS = {
    "br",
    "hr",
    "img",
    "meta",
    "link",
    "input",
    "area",
    "base",
    "col",
    "embed",
    "source",
    "track",
    "wbr",
    "param",
}
NOISE_WORDS = (
    "nav",
    "menu",
    "ad",
    "ads",
    "advert",
    "banner",
    "sidebar",
    "footer",
    "copyright",
    "share",
    "comment",
    "breadcrumb",
    "related",
    "recommend",
    "popup",
    "toolbar",
    "social",
    "sponsor",
)
_PREFIX_WORDS = (
    "nav",
    "advert",
    "sidebar",
    "footer",
    "copyright",
    "share",
    "comment",
    "breadcrumb",
    "sponsor",
    "banner",
)
_TOKEN = re.compile(r"[A-Za-z]+")
_SPACE = re.compile(r"\s+")
_CJK_GAP = re.compile(
    r"(?<=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]) (?=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef])"
)
_HTML_SIGNS = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<meta\s", re.I)
_TAG = re.compile(r"</?(p|div|br|span|a|h[1-6]|li|table|td|article|section)\b[^>]*>", re.I)
# An <article> with less text than this is a teaser box, not the story.
MIN_ARTICLE_CHARS = 200


class Extracted(NamedTuple):
    title: str
    paragraphs: list[str]
    heading_positions: list[int]


class _Block(NamedTuple):
    text: str
    heading: bool
    container: int  # the innermost open container, or -1
    in_article: bool


def is_html(text: str) -> bool:
    """Tell whether the text looks like an HTML document rather than plain text."""
    head = text[:4096]
    return bool(_HTML_SIGNS.search(head)) or len(_TAG.findall(head)) >= 3


def extract_article(html: str) -> Extracted:
    """Return the title and the body paragraphs of the page, headings marked by position.

    Text is unescaped (``&lt;script&gt;`` becomes the literal ``<script>``);
    escaping is the renderer's job. The library reads the page (see
    textkit.extract); the hand-written parser serves when it finds nothing.
    """
    from .extract import extract_page

    page = extract_page(html)
    texts = [b.text for b in page.blocks]
    return Extracted(page.title, texts, [i for i, b in enumerate(page.blocks) if b.hint == "heading"])


def extract_stdlib(html: str) -> Extracted:
    """Return the article as the hand-written parser reads it (linear in the page's size)."""
    parser = _Collector()
    parser.feed(html)
    parser.close()
    blocks = _main_blocks(parser)
    title = parser.first_heading or parser.title
    if blocks and blocks[0].heading and blocks[0].text == title and len(blocks) > 1:
        blocks = blocks[1:]
    return Extracted(title, [b.text for b in blocks], [i for i, b in enumerate(blocks) if b.heading])


def _main_blocks(parser: "_Collector") -> list[_Block]:
    """Return the blocks of the <article>, or else of the container holding the most text."""
    blocks = parser.blocks
    in_article = [b for b in blocks if b.in_article]
    if sum(len(b.text) for b in in_article) >= MIN_ARTICLE_CHARS:
        return in_article
    best = _densest_container(parser)
    if best is None:
        return blocks
    start, end = parser.spans[best]
    return blocks[start:end]


def _densest_container(parser: "_Collector") -> int | None:
    """Return the container whose own blocks hold the most text, widened over sibling sections.

    Containers are spans of block positions and text totals come from prefix
    sums, so this is linear however deep the page nests.
    """
    own: dict[int, int] = {}
    for block in parser.blocks:
        if block.container >= 0:
            own[block.container] = own.get(block.container, 0) + len(block.text)
    if not own:
        return None
    best = max(own, key=own.get)
    sums = _prefix_sums(parser.blocks)
    parent = parser.parents.get(best, -1)
    while parent >= 0 and _adds_body(parser.spans[parent], parser.spans[best], sums):
        best, parent = parent, parser.parents.get(parent, -1)
    return best


def _prefix_sums(blocks: list[_Block]) -> tuple[list[int], list[int]]:
    text, long_text = [0], [0]
    for block in blocks:
        text.append(text[-1] + len(block.text))
        long_text.append(long_text[-1] + (len(block.text) if len(block.text) >= 40 else 0))
    return text, long_text


def _adds_body(parent: tuple[int, int], child: tuple[int, int], sums) -> bool:
    """Tell whether the parent's text outside the child is more article: long paragraphs, not link lists."""
    text, long_text = sums
    extra_text = (text[parent[1]] - text[parent[0]]) - (text[child[1]] - text[child[0]])
    extra_long = (long_text[parent[1]] - long_text[parent[0]]) - (long_text[child[1]] - long_text[child[0]])
    return extra_long >= 0.6 * extra_text


def is_noise(tag: str, attrs: dict[str, str | None]) -> bool:
    """Tell whether an element is navigation, an ad, a sidebar, comments or the like."""
    if tag in SKIPPED_TAGS or "hidden" in attrs:
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if attrs.get("role") in ("navigation", "banner", "contentinfo", "complementary"):
        return True
    tokens = _TOKEN.findall(f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower())
    return any(t in NOISE_WORDS or t.startswith(_PREFIX_WORDS) for t in tokens)


class _Collector(HTMLParser):
    """Collect text blocks with their innermost container, skipping noise elements.

    Every per-tag step is constant time (counters instead of scans of the open
    elements), so 40,000 nested <div> cost no more than 40,000 siblings.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.spans: dict[int, tuple[int, int]] = {}
        self.parents: dict[int, int] = {}
        self.title = ""
        self.first_heading = ""
        self._stack: list[tuple[str, int, bool]] = []  # tag, container id or -1, skipped
        self._open: Counter = Counter()
        self._containers: list[int] = []
        self._skipped = 0
        self._buffer: list[str] = []
        self._next_id = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self._in_title = tag == "title"
        if tag in BLOCK_TAGS:
            self._flush()
        if tag in VOID_TAGS:
            return
        skipped = tag != "title" and not self._skipped and is_noise(tag, dict(attrs))
        container = self._open_container() if tag in CONTAINER_TAGS else -1
        self._stack.append((tag, container, skipped))
        self._open[tag] += 1
        self._skipped += skipped

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in BLOCK_TAGS:
            self._flush(heading=tag in HEADING_TAGS and not self._skipped)
        if not self._open[tag]:
            return
        while self._stack:
            if self._pop() == tag:
                break

    def handle_data(self, data):
        if self._in_title:
            self.title = _tidy(self.title + data)
        elif not self._skipped:
            self._buffer.append(data)

    def close(self):
        super().close()
        self._flush()
        while self._stack:
            self._pop()

    def _open_container(self) -> int:
        self._next_id += 1
        self.parents[self._next_id] = self._containers[-1] if self._containers else -1
        self.spans[self._next_id] = (len(self.blocks), len(self.blocks))
        self._containers.append(self._next_id)
        return self._next_id

    def _pop(self) -> str:
        tag, container, skipped = self._stack.pop()
        self._open[tag] -= 1
        self._skipped -= skipped
        if container >= 0:
            self._containers.pop()
            self.spans[container] = (self.spans[container][0], len(self.blocks))
        return tag

    def _flush(self, heading: bool = False):
        text = _tidy("".join(self._buffer))
        self._buffer = []
        if not text:
            return
        if heading and not self.first_heading and self._open["h1"]:
            self.first_heading = text
        container = self._containers[-1] if self._containers else -1
        in_article = bool(self._open["article"] or self._open["main"])
        self.blocks.append(_Block(text, heading, container, in_article))


def _tidy(text: str) -> str:
    """Collapse whitespace as a browser does, without inventing spaces between Chinese characters."""
    text = _SPACE.sub(" ", text.replace("\u00a0", " ").replace("\u3000", " ")).strip()
    return _CJK_GAP.sub("", text)
