"""Template helpers for the reading pages: fuzzy dates, citation links and JSON-LD."""

import functools
import json
import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from core import i18n
from core.i18n import gettext as _
from core.i18n import text_language
from reading.payloads import citation_url
from textkit.dates import humanize
from textkit.pinyin import reading

register = template.Library()

# The characters json_script escapes, so a JSON-LD block can never close its <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_HAS_YEAR = re.compile(r"\d{4}")
CONTEXT = 80  # characters of the paragraph shown each side of a quote in its preview


def date_parts(edtf, text, lang):
    """Return (reading, said, said_first): the system's reading, the source's phrase, their order.

    The phrase is the source's own words ("2002年10月末", "次年"); the reading is what the EDTF
    value means, never more precise than it. A self-contained Chinese phrase leads and the
    reading follows it; a relative one ("次年") follows the reading it resolves to.
    """
    reading = humanize(edtf, lang) if edtf else ""
    said = text if text and text != reading else ""
    return reading, said, bool(said) and lang == "zh" and bool(_HAS_YEAR.search(said)) and len(said) <= 16


def _said(text):
    return format_html(
        '<span class="said"><span class="tag">{}</span><span lang="zh">“{}”</span></span>',
        pgettext("date words quoted from the source", "source"),
        text,
    )


def _reading(label, tagged):
    tag = format_html('<span class="tag">{}</span>', _("reading")) if tagged else ""
    return format_html('<span class="reading">{}{}</span>', tag, label)


@register.simple_tag
def fuzzy_date(edtf, text="", empty=None):
    """Render a fuzzy date: the source's phrase marked as the source's, the reading as a reading.

    The EDTF value stays in data-edtf for scripts and tests. The same date in the same language
    renders the same, so it is worked out once (a career page prints the same years again and
    again).
    """
    return _fuzzy_date(edtf or "", text or "", empty, i18n.language())


@functools.lru_cache(maxsize=4096)
def _fuzzy_date(edtf, text, empty, language):
    reading, said, said_first = date_parts(edtf, text, text_language())
    if not reading and not said:
        return format_html('<span class="date undated">{}</span>', _("undated") if empty is None else empty)
    if not said:
        return format_html('<span class="date" data-edtf="{}">{}</span>', edtf, _reading(reading, False))
    if not reading:
        return format_html('<span class="date">{}</span>', _said(said))
    parts = (_said(said), _reading(reading, True)) if said_first else (_reading(reading, True), _said(said))
    return format_html('<span class="date" data-edtf="{}">{} <small>{}</small></span>', edtf, *parts)


@register.filter
@functools.lru_cache(maxsize=4096)
def name_reading(name):
    """Return a personal name's pinyin with tone marks ("曾鸣" → "Zēng Míng"), or "" (worked out
    once a name: 17 µs, on every page of a person)."""
    return reading(name)


ALIAS_LABELS = {"english": "English name", "former": "Former name", "romanization": "Romanisation"}


@register.simple_tag
def alias_groups(aliases):
    """Return [(label, [name, …])]: English and former names labelled apart, the rest "also known as"."""
    groups = {}
    for alias in aliases:
        groups.setdefault(ALIAS_LABELS.get(alias.kind, "Also known as"), []).append(alias.name)
    order = ["Also known as", *ALIAS_LABELS.values()]
    return [(_(label), groups[label]) for label in order if label in groups]


@register.simple_tag
def source_label(annotation):
    """Render where a quote stands: 《title》第24段 in Chinese, marking a reprint's copy."""
    paragraph = annotation.paragraph
    title = paragraph.article.title.strip().strip("[]【】《》")
    label = escape(_("“%(title)s”, ¶%(n)s") % {"title": title, "n": paragraph.position})
    copy = f" · {escape(_('reprint'))}" if paragraph.article.reprint_of_id else ""
    # Built as a string: a career page prints this for every sentence it cites.
    return mark_safe(f'<small class="source">{label}{copy}</small>')


@register.simple_tag
def quote_context(annotation, width=CONTEXT):
    """Return (before, quote, after): the paragraph around a quote, trimmed to width characters."""
    text, start, end = annotation.paragraph.text, annotation.start, annotation.end
    if text[start:end] != annotation.quote:
        return "", annotation.quote, ""
    before = ("……" if start > width else "") + text[max(0, start - width) : start]
    after = text[end : end + width] + ("……" if end + width < len(text) else "")
    return before, annotation.quote, after


@register.simple_tag
def cite_url(annotation):
    return citation_url(annotation)


@register.filter
def jsonld(value):
    """Return value as a JSON-LD script element, escaped like json_script."""
    data = json.dumps(value, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{data}</script>')


@register.simple_tag
def annotation_target(annotation):
    """Return (url, label) of what an annotation is evidence of; a note has no page."""
    kind = annotation.target_kind
    if kind == "role":
        role = annotation.role
        where = f" · {role.organization.name}" if role.organization_id else ""
        return f"{role.person.get_absolute_url()}#role-{role.pk}", f"{role.person.name}: {role.title}{where}"
    if kind == "note":
        return None, annotation.body
    target = annotation.target
    return target.get_absolute_url(), getattr(target, "name", None) or target.title


def _segment_html(segment):
    annotation = segment.annotation
    if annotation is None:
        return escape(segment.text)
    url, label = annotation_target(annotation)
    classes = f"ann ann-{annotation.target_kind}" + (" cited" if segment.highlighted else "")
    inner = format_html('<a href="{}">{}</a>', url, segment.text) if url else escape(segment.text)
    ids = " ".join(str(a.pk) for a in segment.annotations)
    anchor = format_html(' id="a-{}"', annotation.pk) if segment.starts else ""
    return format_html(
        '<mark class="{}"{} title="{}" data-annotations="{}">{}</mark>', classes, anchor, label, ids, inner
    )


@register.simple_tag
def annotated_text(paragraph):
    """Render a paragraph's text with its published annotations as linked <mark> spans."""
    return mark_safe("".join(_segment_html(segment) for segment in paragraph.segments))
