"""``{% schema_org %}``: the page's schema.org JSON-LD script (reading/jsonld.py), in the head."""

from django import template

from reading.jsonld import page_jsonld

from .annals import jsonld

register = template.Library()


@register.simple_tag(takes_context=True)
def schema_org(context):
    data = page_jsonld(context)
    return jsonld(data) if data else ""
