"""Read markdown sources: front matter as metadata, markup stripped, images and link lists told apart."""

import re
import tomllib
from typing import NamedTuple

import yaml

_FRONT = re.compile(r"\A\s*(\+\+\+|---)[ \t]*\n(.*?)\n\1[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINKED_IMAGE = re.compile(r"\[\s*!\[[^\]]*\]\([^)]*\)\s*\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`|~~)(?=\S)(.+?)(?<=\S)\1")
_TAG = re.compile(r"<[^>]+>")
_SEPARATORS = re.compile(r"[\s|｜/>›»·•,，、:：\-–—]+")
_MD_SIGNS = re.compile(
    r"^\s{0,3}#{1,6}\s|!\[[^\]]*\]\(|\[[^\]]+\]\([^)]+\)|^\s*[-*+]\s+\[|^\s*>\s", re.MULTILINE
)
# Keys whose values a source's front matter gives under other names.
_KEYS = {"title": ("title",), "author": ("author", "authors", "by"), "date": ("date", "published", "pubdate")}
HEADING, CAPTION, BOILERPLATE = "heading", "caption", "boilerplate"
TITLE = "title"  # a level-1 heading opening the text: the article's title by markdown convention


class Block(NamedTuple):
    text: str
    hint: str | None = None


def is_markdown(text: str, filename: str = "") -> bool:
    """Tell whether the text is markdown: by its file name, its front matter, or several markdown signs."""
    if filename.lower().endswith((".md", ".markdown", ".mdown")):
        return True
    return bool(_FRONT.match(text)) or len(_MD_SIGNS.findall(text[:20000])) >= 3


def split_front_matter(text: str) -> tuple[dict, str]:
    """Return the front matter (TOML between +++, YAML between ---) as a dict, and the text after it."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    fence, body = match.group(1), match.group(2)
    data = _parse_front(body, toml=fence == "+++")
    return ({str(k): _scalar(v) for k, v in data.items()}, text[match.end() :]) if data else ({}, text)


def _parse_front(body: str, *, toml: bool) -> dict:
    try:
        data = tomllib.loads(body) if toml else yaml.safe_load(body)
    except (tomllib.TOMLDecodeError, yaml.YAMLError):
        data = _loose_pairs(body)
    return data if isinstance(data, dict) else {}


def _loose_pairs(body: str) -> dict:
    """Return key/value pairs of front matter that a strict parser refused (a stray quote, a tab)."""
    pairs = {}
    for line in body.splitlines():
        match = re.match(r"^\s*([A-Za-z_][\w-]*)\s*[=:]\s*(.+?)\s*$", line)
        if match:
            pairs[match.group(1)] = match.group(2).strip("'\"")
    return pairs


def _scalar(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(_scalar, value))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items())
    return str(value)


def front_field(front: dict, field: str) -> str:
    """Return the front matter's title, author or date under any of its usual names."""
    lowered = {k.lower(): v for k, v in front.items()}
    return next((lowered[k] for k in _KEYS[field] if lowered.get(k)), "")


def markdown_blocks(text: str) -> list[Block]:
    """Return the paragraphs of markdown text with a kind hint for headings, images and link lines.

    Lines of one markdown paragraph are joined (without a space between Chinese
    characters); images become their alt text as a caption, or vanish without
    one; a line of nothing but links is boilerplate.
    """
    blocks: list[Block] = []
    pending: list[str] = []
    for line in text.splitlines():
        block = _line_block(line)
        if (
            block is not None
            and block.hint == HEADING
            and not blocks
            and not pending
            and line.lstrip()[:2] == "# "
        ):
            block = Block(block.text, TITLE)
        if block is None:
            pending.append(_inline(_QUOTE.sub("", line)).strip())
            continue
        _flush(pending, blocks)
        if block.text:
            blocks.append(block)
    _flush(pending, blocks)
    return blocks


def _line_block(line: str) -> Block | None:
    """Return the line as a block of its own, an empty block to skip it, or None for paragraph text."""
    if not line.strip() or _RULE.match(line):
        return Block("")
    heading = _HEADING.match(line)
    if heading:
        return Block(_inline(heading.group(2)), HEADING)
    stripped = _QUOTE.sub("", _LIST.sub("", line)).strip()
    if _IMAGE.search(stripped) and not _text_outside(stripped):
        alts = [alt.strip() for alt in _IMAGE.findall(stripped) if alt.strip()]
        # A linked image is a logo, a QR code or an ad; a bare one illustrates the text.
        return Block(" ".join(alts), BOILERPLATE if _LINKED_IMAGE.search(stripped) else CAPTION)
    if _LINK.search(stripped) and not _text_outside(stripped):
        return Block(_inline(stripped), BOILERPLATE)
    if _LIST.match(line):
        return Block(_inline(stripped))
    return None


def _text_outside(line: str) -> str:
    """Return what the line says outside its images and links, separators aside."""
    rest = _LINK.sub("", _IMAGE.sub("", line))
    rest = _SEPARATORS.sub("", _TAG.sub("", rest))
    return re.sub(r"[\[\]()]", "", rest) if len(rest) > 4 else ""


def _inline(text: str) -> str:
    """Return the text with images, links, emphasis, code marks and HTML tags reduced to their words."""
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _REF_LINK.sub(lambda m: m.group(1), _LINK.sub(lambda m: m.group(1), text))
    for _ in range(2):
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return _TAG.sub("", text).strip()


def _flush(pending: list[str], blocks: list[Block]) -> None:
    lines = [line for line in pending if line]
    pending.clear()
    if lines:
        blocks.append(Block(_join(lines)))


def _join(lines: list[str]) -> str:
    """Join soft-wrapped lines: no space between Chinese characters, one between words."""
    out = lines[0]
    for line in lines[1:]:
        wide = ord(out[-1]) > 0x2E80 or ord(line[0]) > 0x2E80
        out += line if wide else " " + line
    return out
