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
