"""Pinyin keys and slugs for Chinese names."""

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def pinyin(text):
    """Return the tone-less pinyin of text, syllables separated by spaces ("马云" → "ma yun")."""
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: [chars])
    return _SPACES.sub(" ", " ".join(s.strip() for s in syllables)).strip().lower()


def compact_key(text):
    """Return a search key: lowercased pinyin with spaces and punctuation removed ("Ma Yun" → "mayun")."""
    return _NON_SLUG.sub("", _ascii_fold(pinyin(text)))


def initials(text):
    """Return the initials of each syllable ("马云" → "my")."""
    return "".join(s[0] for s in pinyin(text).split() if s and s[0].isalnum())


def slugify_zh(text, max_length=80):
    """Return an ASCII slug for text, Chinese rendered as pinyin ("杨猛" → "yang-meng")."""
    slug = _NON_SLUG.sub("-", _ascii_fold(pinyin(text))).strip("-")
    if len(slug) > max_length:
        # Cut at a syllable boundary so a slug never ends in half a syllable.
        slug = slug[: max_length + 1].rsplit("-", 1)[0]
    return slug[:max_length].strip("-") or "x"


def _ascii_fold(text):
    # Drop diacritics (ü → u) so slugs and keys stay plain ASCII.
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
