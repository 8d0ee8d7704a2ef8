"""Pinyin keys, readings and slugs for Chinese names.

A personal name reads its surname by the surname's own reading (曾鸣 is Zēng Míng, not
céng míng), a foreign name transliterated with an interpunct (彼得·蒂尔) has no Chinese
reading at all, and a name already in Latin letters (Jack Ma) is its own key.
"""

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# The interpuncts a transliterated foreign name separates its parts with (彼得·蒂尔).
_INTERPUNCTS = ("·", "•", "・", "‧", "•")

# Surnames whose reading differs from the character's usual one, with tone marks: compound
# surnames first (they are matched before single characters).
SURNAMES = {
    "尉迟": "yù chí",
    "万俟": "mò qí",
    "单于": "chán yú",
    "长孙": "zhǎng sūn",
    "澹台": "tán tái",
    "令狐": "líng hú",
    "曾": "zēng",
    "单": "shàn",
    "解": "xiè",
    "仇": "qiú",
    "查": "zhā",
    "区": "ōu",
    "朴": "piáo",
    "盖": "gě",
    "繁": "pó",
    "覃": "qín",
    "员": "yùn",
    "缪": "miào",
    "纪": "jǐ",
    "翟": "zhái",
    "种": "chóng",
    "秘": "bì",
    "冼": "xiǎn",
    "召": "shào",
    "折": "shé",
    "那": "nā",
    "任": "rén",
    "华": "huà",
    "燕": "yān",
    "宁": "nìng",
    "过": "guō",
    "句": "gōu",
    "薄": "bó",
    "洗": "xiǎn",
    "隗": "wěi",
}


def is_foreign_transliteration(text):
    """Return True for a foreign name written in characters with an interpunct (彼得·蒂尔)."""
    return any(mark in text for mark in _INTERPUNCTS) and bool(_HAN.search(text))


def _syllables(text, style, surname):
    """Return text's syllables in style; a personal name's surname read by SURNAMES."""
    head, reading = "", []
    if surname:
        for length in (2, 1):
            if text[:length] in SURNAMES and _HAN.match(text[length : length + 1] or "x"):
                head, reading = text[:length], SURNAMES[text[:length]].split()
                break
    if style == Style.NORMAL:
        reading = [_fold(s) for s in reading]
    rest = lazy_pinyin(text[len(head) :], style=style, errors=lambda chars: [chars])
    return reading + [s.strip() for s in rest if s.strip()], len(reading)


def pinyin(text, surname=False):
    """Return the tone-less pinyin of text, syllables separated by spaces ("马云" → "ma yun").

    With surname, text is a personal name: its surname takes its own reading (曾鸣 → "zeng ming")
    and a foreign transliteration has none ("").
    """
    if surname and is_foreign_transliteration(text):
        return ""
    syllables, _ = _syllables(text, Style.NORMAL, surname)
    return _SPACES.sub(" ", " ".join(syllables)).strip().lower()


def reading(name):
    """Return a personal name's pinyin with tone marks as it is printed: "曾鸣" → "Zēng Míng".

    The surname and the given name are each one capitalised word ("王建勋" → "Wáng Jiànxūn");
    a foreign transliteration or a name without characters has no reading ("").
    """
    if is_foreign_transliteration(name) or not _HAN.search(name):
        return ""
    syllables, surname_length = _syllables(name, Style.TONE, surname=True)
    surname_length = surname_length or 1
    words = ["".join(syllables[:surname_length]), "".join(syllables[surname_length:])]
    return " ".join(word[:1].upper() + word[1:] for word in words if word)


def compact_key(text, surname=False):
    """Return a search key: pinyin without tones, spaces or punctuation ("Zēng Míng" → "zengming")."""
    if surname and is_foreign_transliteration(text):
        return ""
    return _NON_SLUG.sub("", _fold(pinyin(text, surname)))


def initials(text, surname=False):
    """Return the initials of each syllable ("马云" → "my")."""
    return "".join(s[0] for s in pinyin(text, surname).split() if s and s[0].isalnum())


def slugify_zh(text, max_length=80):
    """Return an ASCII slug for text, Chinese rendered as pinyin ("杨猛" → "yang-meng")."""
    slug = _NON_SLUG.sub("-", _fold(pinyin(text))).strip("-")
    if len(slug) > max_length:
        # Cut at a syllable boundary so a slug never ends in half a syllable.
        slug = slug[: max_length + 1].rsplit("-", 1)[0]
    return slug[:max_length].strip("-") or "x"


def _fold(text):
    # Drop diacritics (ü → u, ē → e) so slugs and keys stay plain ASCII.
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
