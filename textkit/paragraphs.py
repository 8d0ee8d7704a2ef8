"""Split plain text into paragraphs: one paragraph per non-empty line."""

import re

# Full-width space, nbsp and other Unicode spaces count as padding at line ends.
_PAD = " \t\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def clean_line(line: str) -> str:
    """Return the line trimmed of ASCII, full-width and non-breaking spaces."""
    return line.strip(_PAD)


def split_paragraphs(text: str) -> list[str]:
    """Return the non-empty lines of the text, trimmed, in order.

    Inner text is kept as written: a reprint's spacing is evidence, not noise.
    """
    lines = (clean_line(line) for line in _NEWLINES.split(text))
    return [line for line in lines if line]


# A line ending in one of these stops mid-sentence: the scrape broke it, the writer did not.
_CONTINUES = "，、,（(“「『—"
_OPEN_CLOSE = (("“", "”"), ("「", "」"), ("『", "』"), ("（", "）"), ("(", ")"))
MAX_JOINED = 2000


def join_fragments(lines: list[str]) -> list[str]:
    """Return the lines with sentence fragments joined: a line ending in a comma or inside a quotation
    continues on the next one.

    A page scraped one fragment per line (``2010年10月19日，`` / ``周鸿祎在发布会上说，`` / …)
    becomes the paragraphs a reader sees; lines that end a sentence, a heading or
    a label (no punctuation, or a colon) stay as they are.
    """
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1]) and len(out[-1]) < MAX_JOINED:
            out[-1] = _glue(out[-1], line)
        else:
            out.append(line)
    return out


def _continues(text: str) -> bool:
    if text[-1] in _CONTINUES:
        return True
    return any(text.count(opener) > text.count(closer) for opener, closer in _OPEN_CLOSE)


def _glue(left: str, right: str) -> str:
    wide = ord(left[-1]) > 0x2E80 or ord(right[0]) > 0x2E80
    return left + right if wide else f"{left} {right}"
