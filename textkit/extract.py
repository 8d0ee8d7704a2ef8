"""Extract an article from a web page with trafilatura, falling back to the standard-library extractor."""

import re
from typing import NamedTuple
from xml.etree import ElementTree

from .markup import CAPTION, HEADING, Block

_META_TAG = re.compile(r"<meta\s[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_META_NAMES = {
    "author": ("author", "article:author", "dc.creator", "byl"),
    "published": (
        "article:published_time",
        "pubdate",
        "publishdate",
        "publish_date",
        "dc.date",
        "date",
        "og:published_time",
        "sailthru.date",
    ),
    "title": ("og:title", "twitter:title", "dc.title"),
    "description": ("description", "og:description"),
    "keywords": ("keywords", "news_keywords"),
    "site_name": ("og:site_name", "application-name"),
}
_SPACE = re.compile(r"\s+")
_CJK_GAP = re.compile(
    r"(?<=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]) (?=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef])"
)
# Below this many characters of text the library is taken to have missed the article.
MIN_LIBRARY_CHARS = 80


class Page(NamedTuple):
    title: str
    blocks: list[Block]
    metadata: dict
    extractor: str


def meta_tags(html: str) -> dict:
    """Return the page's author, publication date, title, description and keywords from its meta tags."""
    found: dict[str, str] = {}
    for tag in _META_TAG.findall(html[:200_000]):
        attrs = {
            m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTR.finditer(tag)
        }
        key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
        content = _tidy(attrs.get("content", ""))
        for field, names in _META_NAMES.items():
            if key in names and content and field not in found:
                found[field] = content
    return found


def extract_page(html: str) -> Page:
    """Return the article of the page: trafilatura's reading, or the standard parser's when it finds none."""
    meta = meta_tags(html)
    page = _with_trafilatura(html, meta)
    if page is not None and sum(len(b.text) for b in page.blocks) >= MIN_LIBRARY_CHARS:
        return page
    return extract_with_stdlib(html, meta)


def extract_with_stdlib(html: str, meta: dict | None = None) -> Page:
    """Return the article as the hand-written standard-library extractor reads it."""
    from .html import extract_stdlib

    extracted = extract_stdlib(html)
    headings = set(extracted.heading_positions)
    blocks = [Block(text, HEADING if i in headings else None) for i, text in enumerate(extracted.paragraphs)]
    metadata = dict(meta if meta is not None else meta_tags(html))
    return Page(extracted.title or metadata.get("title", ""), blocks, metadata, "stdlib")


def _with_trafilatura(html: str, meta: dict) -> Page | None:
    import trafilatura

    try:
        xml = trafilatura.extract(
            html,
            output_format="xml",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=True,
            include_links=False,
            deduplicate=False,
            favor_recall=True,
        )
    except (ValueError, RecursionError, MemoryError):
        return None
    if not xml:
        return None
    root = ElementTree.fromstring(xml)
    metadata = dict(meta)
    for field, attr in (
        ("title", "title"),
        ("author", "author"),
        ("published", "date"),
        ("site_name", "sitename"),
    ):
        if root.get(attr) and not metadata.get(field):
            metadata[field] = _tidy(root.get(attr))
    main = root.find("main")
    blocks = _blocks(main) if main is not None else []
    return Page(metadata.get("title", ""), blocks, metadata, "trafilatura")


def _blocks(main) -> list[Block]:
    """Return the text blocks of trafilatura's XML body, headings and list items apart."""
    blocks: list[Block] = []
    after_image = False
    for element in main:
        image = element.tag == "graphic" or (
            element.find("graphic") is not None and not _tidy(_text(element))
        )
        if after_image and element.tag == "p" and _is_caption_text(_tidy(_text(element))):
            blocks.append(Block(_tidy(_text(element)), CAPTION))
        elif element.tag == "list":
            for item in element.iter("item"):
                blocks.extend(_split(item, None))
        elif element.tag == "table":
            blocks.extend(
                Block(" | ".join(filter(None, (_tidy(_text(c)) for c in row)))) for row in element.iter("row")
            )
        elif not image:
            blocks.extend(_split(element, HEADING if element.tag == "head" else None))
        after_image = image
    return [b for b in blocks if b.text]


def _is_caption_text(text: str) -> bool:
    """Tell whether the line under an image is its caption: short, not a closed sentence."""
    return 0 < len(text) <= 40 and text[-1] not in "。！？!?"


def _split(element, hint: str | None) -> list[Block]:
    """Return the element's text as blocks, one per line break (a <br> parts paragraphs on Chinese sites)."""
    if hint is None and element.get("rend") == "figcaption":
        hint = CAPTION
    return [Block(_tidy(line), hint) for line in _text(element).split("\n") if _tidy(line)]


def _text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tidy(text: str) -> str:
    """Collapse whitespace as a browser does, without inventing spaces between Chinese characters."""
    text = _SPACE.sub(" ", text.replace("\u00a0", " ").replace("\u3000", " ")).strip()
    return _CJK_GAP.sub("", text)
