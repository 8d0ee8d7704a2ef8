"""The public pages' template language: Jinja2, with Django's translations, URLs and static files.

Public pages are rendered with Jinja2 (templates/jinja2/), the editors' admin and workbench with
Django's own templates. A career page prints a few hundred citations, each with its link, source
and context: Django's template language spends 10–20 µs on every variable and tag it renders,
Jinja2 compiles a template to Python once and spends about one. Everything a page shows is
worked out in Python beforehand (reading/rows.py); templates only lay it out.

Translations are Django's (``{{ _("Post") }}``, ``ngettext(…)``, ``pgettext(…)``): msgids are the
same as the old templates' ``{% translate %}`` and ``{% blocktranslate %}`` (``%(n)s``
placeholders, ``%%`` for a literal percent sign), so one catalogue serves both engines.
"""

import functools
from types import SimpleNamespace

import jinja2
from django.conf import settings
from django.template.defaultfilters import floatformat, truncatechars, urlencode
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.translation import gettext_noop, trans_real
from markupsafe import Markup

from core import i18n
from reading import jinja_compiler
from reading.templatetags import annals


def url(name, *args):
    """Return the path of a named URL (``{{ url('reading:person-detail', person.slug) }}``)."""
    return _reversed(name, args, get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=4096)
def _reversed(name, args, prefix, urlconf):
    # reverse() costs tens of µs; a page names the same few addresses on every render.
    return reverse(name, args=args or None, urlconf=urlconf)


# Labels a page repeats for every sentence it cites, translated once per language (ui_strings).
UI_STRINGS = {
    "context": gettext_noop("Context"),
    "names_only": gettext_noop("names the person only"),
    "same_sentence": gettext_noop("Same sentence in reprints:"),
    "reprint": gettext_noop("reprint"),
    "colon": gettext_noop(":"),
    "paragraph": gettext_noop("¶%(n)s"),
}


@functools.lru_cache(maxsize=16)
def _translated(language):
    return SimpleNamespace(**{key: translation.gettext(text) for key, text in UI_STRINGS.items()})


def ui_strings():
    """Return UI_STRINGS in the active language (``{% set t = ui_strings() %}``, then ``t.context``)."""
    return _translated(i18n.language())


def querystring(request, **changes):
    """Return "?…" with the request's query and changes applied (Django's {% querystring %})."""
    query = request.GET.copy()
    for name, value in changes.items():
        query[name] = value
    return f"?{query.urlencode()}"


def language_links(request_path):
    """Return the interface languages: (code, name in itself, is current, link that switches to it)."""
    current, after = i18n.language(), urlencode(request_path)
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        switch = f"{url('switch-language', code)}?next={after}"
        links.append((code, info["name_local"], code == current, switch))
    return links


def _formatted(text, variables):
    """Format text as Jinja's new-style gettext does: escaped variables, always formatted."""
    if all(type(value) is int for value in variables.values()):
        return Markup(text % variables)  # "%(n)s sources": a number needs no escaping
    return Markup(text) % variables


# Plain functions, not pass_context ones: Jinja gives a pass_context function called inside a
# loop a copy of the whole page context (Context.derived, 100-200 µs a call), which made the
# string "3 sources" of each event cost more than the event.
def gettext(message, **variables):
    return _formatted(i18n.gettext(message), variables)


def ngettext(singular, plural, num, **variables):
    variables.setdefault("num", num)
    return _formatted(i18n.catalogue().ngettext(singular, plural, num), variables)


def pgettext(where, message, **variables):
    found = i18n.catalogue().gettext(f"{where}{trans_real.CONTEXT_SEPARATOR}{message}")
    found = message if trans_real.CONTEXT_SEPARATOR in found else found
    return _formatted(found, variables)


class PageTemplate(jinja2.Template):
    """A public page's template: renders with the language and its catalogue bound once."""

    def render(self, *args, **kwargs):
        with i18n.rendering():
            return super().render(*args, **kwargs)


def environment(**options):
    """Return the Jinja2 environment of the public pages (TEMPLATES in config/settings.py).

    The i18n extension is there for its syntax and for finding the strings (tests/test_i18n.py);
    the functions it calls are this module's, which read the page's catalogue directly (Jinja's
    own wrappers around Django's gettext cost 40 µs a string, and a page has a hundred).
    """
    options.setdefault("undefined", jinja2.StrictUndefined)
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], **options)
    env.template_class = PageTemplate
    env.code_generator_class = jinja_compiler.InlineCodeGenerator
    env.context_class = jinja_compiler.PageContext
    env.newstyle_gettext = True
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext)
    env.globals.update(
        url=url,
        static=static,
        get_language=i18n.language,
        language_links=language_links,
        ui_strings=ui_strings,
        querystring=querystring,
        fuzzy_date=annals.fuzzy_date,
        cite_url=annals.cite_url,
        source_label=annals.source_label,
        quote_context=annals.quote_context,
        alias_groups=annals.alias_groups,
        annotated_text=annals.annotated_text,
        annotation_target=annals.annotation_target,
    )
    env.filters.update(
        truncatechars=truncatechars,
        urlencode=urlencode,
        floatformat=floatformat,
        jsonld=annals.jsonld,
        name_reading=annals.name_reading,
    )
    return env
