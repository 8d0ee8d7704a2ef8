"""The language a page renders in is read once per render (core/i18n.py) and is always the active one."""

import pytest
from django.template import engines
from django.utils import translation
from django.utils.translation import trans_real

from core import i18n


def jinja():
    return next(engine for engine in engines.all() if engine.name == "jinja2")


def test_a_render_binds_the_active_language_and_gives_the_outer_one_back():
    with translation.override("en"):
        assert i18n.language() == "en" and i18n.catalogue() is trans_real.catalog()
        with i18n.rendering():
            assert i18n.language() == "en" and i18n.gettext("Events") == "Events"
            with translation.override("zh-hans"), i18n.rendering():
                assert i18n.language() == "zh-hans" and i18n.gettext("Events") == "事件"
            assert i18n.language() == "en" and i18n.gettext("Events") == "Events"
        with pytest.raises(RuntimeError), i18n.rendering():
            raise RuntimeError("a render that fails")
        with translation.override("zh-hans"):  # nothing bound is left behind
            assert i18n.language() == "zh-hans" and i18n.text_language() == "zh"


def test_public_templates_render_in_the_language_active_at_each_render():
    template = jinja().from_string('{{ _("Events") }}|{{ get_language() }}|{{ ui_strings().context }}')
    rendered = []
    for language in ("zh-hans", "en", "zh-hans"):
        with translation.override(language):
            rendered.append(template.render({}))
    assert rendered == ["事件|zh-hans|上下文", "Events|en|Context", "事件|zh-hans|上下文"]
    assert i18n._rendering.bound is None
