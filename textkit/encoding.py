"""Decode the bytes of a received file strictly: BOM, declared charset, then a library's guess.

The guess (charset-normalizer) only chooses among codecs that decode the bytes
without error, and a choice that yields mostly rare characters is refused as
mojibake rather than returned.
"""

import codecs
import functools
import re
from typing import NamedTuple

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
TRIALS = ("utf-8", "gb18030", "big5")
# Declared names that mean a subset of a codec we trust to decode more.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
}
_SINGLE_BYTE = {"ascii", "latin-1", "iso8859-1", "cp1252", "iso8859-15"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
# Below this share of common characters a successful decode is taken for mojibake.
MIN_PLAUSIBILITY = 0.6
# How much more plausibly another decode must read to overrule the library's guess.
GUESS_MARGIN = 0.1
_COMMON_PUNCTUATION = set("，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～　＂％＋－／０１２３４５６７８９")


class DecodeError(ValueError):
    """The bytes are not text in an encoding we accept."""


class Decoded(NamedTuple):
    text: str
    encoding: str
    had_bom: bool


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Return the text of the bytes, with the encoding used and whether a BOM announced it.

    Raise DecodeError with a one-line reason for empty input, binary data, or
    bytes that no accepted encoding decodes into plausible text.
    """
    if not data:
        raise DecodeError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_finish(_strict(data[len(bom) :], encoding, len(bom))), encoding, True)
    _reject_binary(data)
    encoding = _codec_name(declared) or sniff_declared(data)
    if encoding:
        text = _decode_declared(data, encoding)
        if text is not None:
            return Decoded(_finish(text), encoding, False)
    text, encoding = _trial_decode(data)
    return Decoded(_finish(text), encoding, False)


def sniff_declared(data: bytes) -> str | None:
    """Return the charset an HTML or XML document declares in its first 2 KB, if any."""
    head = data[:2048]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return _codec_name(match.group(1).decode("ascii")) if match else None


def charset_from_content_type(content_type: str | None) -> str | None:
    """Return the codec named by an HTTP Content-Type header's charset parameter, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return _codec_name(match.group(1)) if match else None


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _strict(data: bytes, encoding: str, offset: int = 0) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"not valid {encoding.upper()} text: undecodable byte 0x{data[exc.start]:02x} at offset {exc.start + offset}"
        ) from None


def _reject_binary(data: bytes) -> None:
    # NUL and other control bytes never occur inside GB18030 or Big5 characters either.
    match = _CONTROL.search(data)
    if match and not (match.group() == b"\x1a" and match.end() == len(data)):
        raise DecodeError(
            f"binary data, not text: control byte 0x{match.group()[0]:02x} at offset {match.start()}"
        )


def _decode_declared(data: bytes, encoding: str) -> str | None:
    """Return the text in the declared charset, or None when the declaration is not to be believed."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if encoding in _SINGLE_BYTE and not data.isascii():
        # Every byte is valid Latin-1: a stream that is also UTF-8 is UTF-8.
        return None if _decodes(data, "utf-8") else text
    return text if encoding == "utf-8" or plausibility(text) >= MIN_PLAUSIBILITY else None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _trial_decode(data: bytes) -> tuple[str, str]:
    """Return the strict decode among UTF-8, GB18030 and Big5 that the library and the text agree on."""
    if _decodes(data, "utf-8"):
        return data.decode("utf-8"), "utf-8"
    decoded = {enc: data.decode(enc) for enc in ("gb18030", "big5hkscs") if _decodes(data, enc)}
    if not decoded:
        offset = max(_first_error(data, enc) for enc in TRIALS)
        raise DecodeError(
            f"not valid UTF-8, GB18030 or Big5 text: undecodable byte 0x{data[offset]:02x} at offset {offset}"
        )
    score = {encoding: plausibility(text) for encoding, text in decoded.items()}
    ranked = _ranked(score, _library_guess(data, decoded))
    for encoding in ranked:
        if score[encoding] >= MIN_PLAUSIBILITY:
            return decoded[encoding], encoding
    raise DecodeError(
        f"not plausible UTF-8, GB18030 or Big5 text: decodes as {ranked[0]} only into rare characters"
    )


def _ranked(score: dict[str, float], guess: str | None) -> list[str]:
    """Return the codecs that decoded the bytes (score: each one's text's plausibility), the most
    plausible first; the library's guess goes first unless another reads clearly better (by
    GUESS_MARGIN).

    On a short text the library can prefer the wrong one: GB18030 bytes of “内内内来来（来（）
    also decode as Big5 into ※囀囀囀懂懂ㄗ懂ㄗㄘ, which it took for Big5 (0.6 of its characters
    common, against all of the GB18030 reading's)."""
    best = max(score.values())
    return sorted(
        score, key=lambda enc: (not (enc == guess and score[enc] >= best - GUESS_MARGIN), -score[enc])
    )


def _library_guess(data: bytes, decoded: dict[str, str]) -> str | None:
    """Return charset-normalizer's pick among the codecs that decode the bytes, or None."""
    if len(decoded) == 1:
        return next(iter(decoded))
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is None:
        return None
    return "big5hkscs" if best.encoding.startswith("big5") else "gb18030"


def _first_error(data: bytes, encoding: str) -> int:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start
    return len(data)


def plausibility(text: str) -> float:
    """Return the share of non-ASCII characters that are common Chinese characters or punctuation."""
    common = _common_characters()
    wide = [ch for ch in text if ord(ch) > 0x7F and not ch.isspace()]
    if not wide:
        return 1.0
    return sum(ch in common for ch in wide) / len(wide)


@functools.lru_cache(maxsize=1)
def _common_characters() -> frozenset[str]:
    """Return GB2312 level-1 hanzi, Big5 frequent hanzi and common punctuation."""
    chars = set(_COMMON_PUNCTUATION)
    chars |= _decode_range("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
    chars |= _decode_range("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    return frozenset(chars)


def _decode_range(encoding, leads, trails) -> set[str]:
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes((lead, trail)).decode(encoding))
            except UnicodeDecodeError:
                pass
    return chars


def _finish(text: str) -> str:
    """Return the text with LF line ends, refusing control characters a text file never holds."""
    match = _CONTROL_TEXT.search(text)
    if match and not (match.group() == "\x1a" and match.end() == len(text)):
        raise DecodeError(
            f"binary data, not text: control character U+{ord(match.group()):04X} at position {match.start()}"
        )
    return text.rstrip("\x1a").replace("\r\n", "\n").replace("\r", "\n")
