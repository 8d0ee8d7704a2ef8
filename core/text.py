"""The one normaliser for text editors and imports write: NFC, no controls, no invisible names.

- Every text value is NFC-composed.
- C0 control characters other than tab and the line ends (LF, CR) are refused (NUL, ``\\v`` — Word's
  manual line break —, ``\\f``, ESC…): they break XML exports and terminals, and no source
  needs them. The message names the character (U+000B) and the field.
- Lone surrogates (which JSON can smuggle in as ``"\\ud800"``) are refused: no database or
  file encoding can store them.
- In names, titles and slugs, format characters (Unicode category Cf: zero-width spaces and
  joiners, bidi overrides, soft hyphens, BOM) and combining marks that do not belong to a
  Latin, Greek or Cyrillic letter are refused too: they make a second "马云" that looks
  identical to the first in every picker.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_CONTROLS = "\t\n\r"
# Characters XML 1.0 cannot hold (openpyxl refuses them): everything below U+0020 but tab, LF, CR.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARK_BASES = ("LATIN", "GREEK", "CYRILLIC")


class TextRefused(ValidationError):
    """A value holding a character no field of the archive accepts."""


def char_name(char):
    """Return "U+000B (LINE TABULATION)" for a character, for messages editors can act on."""
    name = unicodedata.name(char, "") or {"\x0b": "LINE TABULATION", "\x00": "NULL"}.get(char, "control")
    return f"U+{ord(char):04X} ({name})"


def _refuse(char, field, position, why):
    raise TextRefused(
        _("%(field)s: character %(char)s at position %(at)s is not allowed (%(why)s).")
        % {"field": field, "char": char_name(char), "at": position + 1, "why": why},
        code="bad_character",
    )


def bad_character(value, *, name=False):
    """Return (position, character, reason) of the first refused character of value, or None."""
    previous = ""
    for position, char in enumerate(value):
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            return position, char, _("a lone surrogate")
        category = unicodedata.category(char)
        if code < 0x20 and char not in ALLOWED_CONTROLS:
            return position, char, _("a control character")
        if name and category == "Cf":
            return position, char, _("an invisible format character")
        if name and category in ("Mn", "Me") and not unicodedata.name(previous, "").startswith(_MARK_BASES):
            return position, char, _("a combining mark on a character that takes none")
        previous = char if category not in ("Mn", "Me") else previous
    return None


def normalise(value, *, field="text", name=False):
    """Return value NFC-composed, or raise TextRefused naming char and field."""
    if value is None or not isinstance(value, str):
        return value
    found = bad_character(value, name=name)
    if found is None:
        value = unicodedata.normalize("NFC", value)
        found = bad_character(value, name=name)
    if found is not None:
        _refuse(found[1], field, found[0], found[2])
    return value


def validate_text(value):
    """Field validator: refuse control characters and lone surrogates."""
    if isinstance(value, str):
        normalise(value, field=_("this field"))


def validate_name(value):
    """Field validator for names, titles and slugs: also refuse invisible and stray characters,
    and text that is not NFC-composed (what looks the same must be stored the same)."""
    if not isinstance(value, str):
        return
    normalise(value, field=_("this name"), name=True)
    if unicodedata.normalize("NFC", value) != value:
        raise TextRefused(
            _("this name is not in composed form (Unicode NFC); retype it or paste it as plain text."),
            code="not_nfc",
        )


def xml_safe(value):
    """Return value with what XML cannot hold replaced: ``\\v`` and ``\\f`` by newlines, others dropped."""
    if not isinstance(value, str) or not XML_ILLEGAL.search(value):
        return value
    return XML_ILLEGAL.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", value)


_INVISIBLE_LEAD = re.compile(r"^[\s\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad\u180e]+")


def formula_lead(value):
    """Return the first character a spreadsheet sees once leading whitespace and format characters
    (zero-width, bidi, BOM) are skipped, folded to ASCII: fullwidth ＝ is =."""
    stripped = _INVISIBLE_LEAD.sub("", value)
    stripped = "".join(c for c in stripped[:8] if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFKC", stripped[:1]) if stripped else ""


def json_depth(raw):
    """Return how deeply JSON bytes nest arrays and objects, without parsing (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            escaped, in_string = (False, True) if escaped else (byte == 0x5C, byte != 0x22)
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest
