"""Template helpers for the reading pages: fuzzy dates, citation links and JSON-LD."""

import json
import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.i18n import text_language
from reading.payloads import citation_url
from textkit.dates import humanize

register = template.Library()

# The characters json_script escapes, so a JSON-LD block can never close its <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_HAS_YEAR = re.compile(r"\d{4}")


def date_parts(edtf, text, lang):
    """Return (label, phrase): what to show, and the source's phrase when it adds to the label.

    A self-contained Chinese phrase ("2002年10月末") is shown as written; a relative one ("次年")
    is shown as its meaning with the phrase beside it. Never more precise than the EDTF value.
    """
    label = humanize(edtf, lang) if edtf else ""
    if lang == "zh" and text and _HAS_YEAR.search(text) and len(text) <= 16:
        return text, (label if label != text else "")
    if not label:
        return text, ""
    return label, (text if text and text != label else "")


@register.simple_tag
def fuzzy_date(edtf, text="", empty=None):
    """Render a fuzzy date with its EDTF value in data-edtf and the source's phrase beside it."""
    label, phrase = date_parts(edtf or "", text or "", text_language())
    if not label:
        return format_html('<span class="date undated">{}</span>', _("undated") if empty is None else empty)
    if not phrase:
        return format_html('<span class="date" data-edtf="{}">{}</span>', edtf, label)
    return format_html(
        '<span class="date" data-edtf="{}">{} <small class="phrase" lang="zh">“{}”</small></span>',
        edtf,
        label,
        phrase,
    )


@register.simple_tag
def cite_url(annotation):
    return citation_url(annotation)


@register.filter
def jsonld(value):
    """Return value as a JSON-LD script element, escaped like json_script."""
    data = json.dumps(value, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{data}</script>')


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
