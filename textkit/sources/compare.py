"""Read a source with one named HTML extractor, to compare extractors side by side (see evaluate)."""

from ..encoding import decode_bytes
from ..extract import Page, _tidy, _with_trafilatura, extract_with_stdlib, meta_tags
from ..html import is_html
from ..markup import HEADING, Block
from . import Source, _drop_leading, _source, read_text


def read_with(data: bytes, filename: str, extractor: str) -> Source:
    """Return the source as read_source would, with HTML read by the named extractor only."""
    decoded = decode_bytes(data)
    if not is_html(decoded.text):
        return read_text(decoded.text, filename=filename, encoding=decoded.encoding)
    page = page_with(decoded.text, extractor)
    return _source(
        _drop_leading(page.blocks, page.title), dict(page.metadata), decoded.encoding, page.extractor
    )


def page_with(html: str, extractor: str) -> Page:
    """Return the page's article as one extractor reads it (an empty page when it finds nothing)."""
    meta = meta_tags(html)
    if extractor == "stdlib":
        return extract_with_stdlib(html, meta)
    if extractor == "trafilatura":
        return _with_trafilatura(html, meta) or Page("", [], meta, "trafilatura")
    return _with_readability(html, meta)


def _with_readability(html: str, meta: dict) -> Page:
    from lxml import html as lxml_html
    from readability import Document

    document = Document(html)
    tree = lxml_html.fromstring(document.summary(html_partial=True) or "<div></div>")
    blocks = []
    for element in tree.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption"):
        text = _tidy(element.text_content())
        if text:
            blocks.append(Block(text, HEADING if element.tag.startswith("h") else None))
    return Page(document.short_title(), blocks, meta, "readability")
