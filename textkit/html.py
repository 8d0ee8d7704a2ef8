"""Extract the article body from an HTML page with the standard library's parser."""

import re
from html.parser import HTMLParser
from typing import NamedTuple

SKIPPED_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
                "template", "svg", "canvas", "object", "embed", "select", "button", "head"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "td", "th", "section",
              "article", "main", "blockquote", "ul", "ol", "dl", "dt", "dd", "table", "figure",
              "figcaption", "pre", "hr", "body", "center"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CONTAINER_TAGS = {"div", "section", "article", "main", "td", "body", "blockquote", "center"}
VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
             "track", "wbr", "param"}
NOISE_WORDS = ("nav", "menu", "ad", "ads", "advert", "banner", "sidebar", "footer", "copyright", "share",
               "comment", "breadcrumb", "related", "recommend", "popup", "toolbar", "social", "sponsor")
_PREFIX_WORDS = ("nav", "advert", "sidebar", "footer", "copyright", "share", "comment", "breadcrumb",
                 "sponsor", "banner")
_TOKEN = re.compile(r"[A-Za-z]+")
_SPACE = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]) (?=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef])")
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
    containers: tuple[int, ...]
    in_article: bool


def is_html(text: str) -> bool:
    """Tell whether the text looks like an HTML document rather than plain text."""
    head = text[:4096]
    return bool(_HTML_SIGNS.search(head)) or len(_TAG.findall(head)) >= 3


def extract_article(html: str) -> Extracted:
    """Return the title and the body paragraphs of the page, headings marked by position.

    Text is unescaped (``&lt;script&gt;`` becomes the literal ``<script>``);
    escaping is the renderer's job.
    """
    parser = _Collector()
    parser.feed(html)
    parser.close()
    blocks = _main_blocks(parser.blocks)
    title = parser.first_heading or parser.title
    if blocks and blocks[0].heading and blocks[0].text == title and len(blocks) > 1:
        blocks = blocks[1:]
    return Extracted(title, [b.text for b in blocks], [i for i, b in enumerate(blocks) if b.heading])


def _main_blocks(blocks: list[_Block]) -> list[_Block]:
    """Return the blocks of the <article>, or else of the container holding the most text."""
    in_article = [b for b in blocks if b.in_article]
    if sum(len(b.text) for b in in_article) >= MIN_ARTICLE_CHARS:
        return in_article
    best = _densest_container(blocks)
    return [b for b in blocks if best in b.containers] if best is not None else blocks


def _densest_container(blocks: list[_Block]) -> int | None:
    """Return the container whose own blocks hold the most text, widened over sibling sections."""
    own: dict[int, int] = {}
    for block in blocks:
        if block.containers:
            own[block.containers[-1]] = own.get(block.containers[-1], 0) + len(block.text)
    if not own:
        return None
    best = max(own, key=own.get)
    chain = next(b.containers for b in blocks if best in b.containers)
    for parent in reversed(chain[: chain.index(best)]):
        if not _adds_body(parent, best, blocks):
            break
        best = parent
    return best


def _adds_body(parent: int, child: int, blocks: list[_Block]) -> bool:
    """Tell whether the parent's text outside the child is more article: long paragraphs, not link lists."""
    extra = [b for b in blocks if parent in b.containers and child not in b.containers]
    extra_text = sum(len(b.text) for b in extra)
    long_text = sum(len(b.text) for b in extra if len(b.text) >= 40)
    return long_text >= 0.6 * extra_text


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
    """Collect text blocks with their containers, skipping noise elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.title = ""
        self.first_heading = ""
        self._stack: list[tuple[str, int, bool]] = []  # tag, container id or -1, skipped
        self._buffer: list[str] = []
        self._next_id = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self._in_title = tag == "title"
        if tag in BLOCK_TAGS:
            self._flush()
        if tag in VOID_TAGS:
            return
        skipped = self._skipping() or (tag != "title" and is_noise(tag, dict(attrs)))
        container = self._new_id() if tag in CONTAINER_TAGS else -1
        self._stack.append((tag, container, skipped))

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in BLOCK_TAGS:
            self._flush(heading=tag in HEADING_TAGS and not self._skipping())
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                del self._stack[depth:]
                break

    def handle_data(self, data):
        if self._in_title:
            self.title = _tidy(self.title + data)
        elif not self._skipping():
            self._buffer.append(data)

    def close(self):
        super().close()
        self._flush()

    def _skipping(self) -> bool:
        return any(entry[2] for entry in self._stack)

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _flush(self, heading: bool = False):
        text = _tidy("".join(self._buffer))
        self._buffer = []
        if not text:
            return
        if heading and not self.first_heading and any(e[0] == "h1" for e in self._stack):
            self.first_heading = text
        containers = tuple(c for _, c, _ in self._stack if c >= 0)
        in_article = any(t in ("article", "main") for t, _, _ in self._stack)
        self.blocks.append(_Block(text, heading, containers, in_article))


def _tidy(text: str) -> str:
    """Collapse whitespace as a browser does, without inventing spaces between Chinese characters."""
    text = _SPACE.sub(" ", text.replace("\u00a0", " ").replace("\u3000", " ")).strip()
    return _CJK_GAP.sub("", text)
