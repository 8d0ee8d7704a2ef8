"""Read a source as it arrives (bytes of text, markdown or HTML): title, metadata, kinded paragraphs.

``read_source`` is the one entry point the archive calls: it decodes strictly
(textkit.encoding), reads front matter and markdown (textkit.markup) or
extracts the article of a page (textkit.extract), joins a scrape's sentence
fragments, and classifies every paragraph (textkit.classify).
"""

import re
from typing import NamedTuple

from ..classify import BODY, HEADING, classify
from ..encoding import charset_from_content_type, decode_bytes
from ..extract import extract_page
from ..html import is_html
from ..markup import TITLE, Block, front_field, is_markdown, markdown_blocks, split_front_matter
from ..paragraphs import clean_line, join_fragments, split_paragraphs

__all__ = ["Source", "dated_boilerplate", "has_date", "read_source", "read_text"]

# A calendar date as pages print it: 2019-04-01, 2019/4/1, 2019.04.01, 2019年4月1日, 04月01日.
_DATE_PHRASE = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}日?)?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
)
DATED_KINDS = (BODY, HEADING)


class Source(NamedTuple):
    title: str
    author: str
    published: str  # as the source prints it, not parsed
    encoding: str
    metadata: dict
    paragraphs: list[tuple[str, str, str]]  # text, kind, note
    extractor: str  # "text", "markdown", "trafilatura" or "stdlib"


def read_source(data: bytes, *, filename: str = "", content_type: str | None = None) -> Source:
    """Return the source the bytes hold; raise textkit.encoding.DecodeError when they are not text."""
    decoded = decode_bytes(data, declared=charset_from_content_type(content_type))
    html = is_html(decoded.text) or "html" in (content_type or "").lower()
    return read_text(decoded.text, filename=filename, html=html, encoding=decoded.encoding)


def read_text(text: str, *, filename: str = "", html: bool | None = None, encoding: str = "") -> Source:
    """Return the source a decoded text holds (see read_source)."""
    if html if html is not None else is_html(text):
        page = extract_page(text)
        blocks = _drop_leading(page.blocks, page.title)
        return _source(blocks, dict(page.metadata), encoding, page.extractor)
    front, body = split_front_matter(text)
    if front or is_markdown(body, filename):
        metadata = dict(front.items())
        blocks = _drop_title(markdown_blocks(body), metadata)
        return _source(blocks, metadata, encoding, "markdown")
    lines = join_fragments(split_paragraphs(text))
    return _source([Block(line) for line in lines], {}, encoding, "text")


def _drop_leading(blocks: list[Block], title: str) -> list[Block]:
    """Return the blocks without leading copies of the page title (kept as the source's title)."""
    key = clean_line(title)
    while key and len(blocks) > 1 and clean_line(blocks[0].text) == key:
        blocks = blocks[1:]
    return blocks


def _drop_title(blocks: list[Block], metadata: dict) -> list[Block]:
    """Return the blocks without a leading heading that is the title (kept in the metadata instead)."""
    if not blocks or blocks[0].hint != TITLE:
        return blocks
    title = front_field(metadata, "title")
    if not title or clean_line(blocks[0].text) == clean_line(title):
        metadata.setdefault("title", blocks[0].text)
        return blocks[1:]
    return [Block(blocks[0].text, HEADING), *blocks[1:]]


def _source(blocks: list[Block], metadata: dict, encoding: str, extractor: str) -> Source:
    texts = [clean_line(b.text) for b in blocks]
    kept = [(t, b.hint) for t, b in zip(texts, blocks) if t]
    kinds = classify([t for t, _ in kept], hints=[h for _, h in kept])
    paragraphs = [(t, c.kind, c.note) for (t, _), c in zip(kept, kinds)]
    title = front_field(metadata, "title") or _title_line(paragraphs)
    metadata = {k: v for k, v in metadata.items() if v}
    return Source(
        title=title,
        author=front_field(metadata, "author"),
        encoding=encoding,
        extractor=extractor,
        published=front_field(metadata, "date"),
        metadata=metadata,
        paragraphs=paragraphs,
    )


def _title_line(paragraphs) -> str:
    return next((text for text, kind, note in paragraphs if note == "title"), "")


def has_date(text: str) -> bool:
    """Tell whether the text holds a calendar date phrase."""
    return bool(_DATE_PHRASE.search(text))


def dated_boilerplate(paragraphs, labels=None) -> list[int]:
    """Return the positions of paragraphs that would be dated though they are chrome, not narrative.

    The archive dates only body and heading paragraphs. Without labels this
    lists the dated phrases of paragraphs classified as dated kinds that match
    the boilerplate or metadata patterns; with labels (a careful reader's kind
    per paragraph), those a reader called boilerplate or metadata.
    """
    from ..chrome import is_chrome

    out = []
    for i, (text, kind, _note) in enumerate(paragraphs):
        if kind not in DATED_KINDS or not has_date(text):
            continue
        label = labels[i] if labels is not None else None
        if (label is not None and label not in DATED_KINDS) or (label is None and is_chrome(text)):
            out.append(i)
    return out
