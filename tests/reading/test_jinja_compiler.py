"""The inline code generator renders exactly what Jinja's own does (reading/jinja_compiler.py)."""

import jinja2
import pytest
from django.template import engines
from django.utils.safestring import mark_safe
from markupsafe import Markup

from reading import jinja_compiler


class Holder:
    """An object with an attribute, a property, a method and an __html__ value."""

    pk = 7
    title = "<b>R&D</b> 'quoted' \"twice\""

    @property
    def computed(self):
        return "a < b"

    def label(self):
        return Markup("<em>safe</em>")


class Html:
    def __html__(self):
        return "<i>own html</i>"


class ItemsOnly:
    """Item access but no attributes: Jinja falls back from getattr to [] for it."""

    def __getitem__(self, key):
        if key == "name":
            return "<by item>"
        raise KeyError(key)


SOURCE = """
{{- holder.pk }}|{{ holder.title }}|{{ holder.computed }}|{{ holder.label() }}|{{ html }}
|{{ dict_row.name }}|{{ dict_row['name'] }}|{{ items.name }}|{{ number }}|{{ ratio }}|{{ django_safe }}
|{{ markup }}|{{ text ~ "&" }}|{{ none }}|{{ holder.missing is defined }}|{{ items.absent is defined }}
|{% for row in rows %}{{ row.name }}{% if not loop.last %}, {% endif %}{% endfor %}
|{% set ns = namespace(n=holder.pk) %}{{ ns.n }}|{{ holder.title|length }}|{{ holder.title|e }}
|{% macro cell(value) %}<td>{{ value }}</td>{% endmacro %}{{ cell(holder.title) }}{{ cell(markup) }}
|{{ rows[0].name if rows else "" }}|{{ "%s & %s"|format(holder.pk, text) }}
"""

CONTEXT = {
    "holder": Holder(),
    "html": Html(),
    "dict_row": {"name": "<dict>"},
    "items": ItemsOnly(),
    "number": 3,
    "ratio": 0.5,
    "django_safe": mark_safe("<u>django</u>"),
    "markup": Markup("<s>m</s>"),
    "text": "x<y",
    "none": None,
    "rows": [{"name": "一"}, {"name": "<二>"}],
}


def environments(**options):
    stock = jinja2.Environment(autoescape=True, **options)
    inline = jinja2.Environment(autoescape=True, **options)
    inline.code_generator_class = jinja_compiler.InlineCodeGenerator
    inline.context_class = jinja_compiler.PageContext
    return stock, inline


@pytest.mark.parametrize("undefined", [jinja2.Undefined, jinja2.StrictUndefined])
def test_renders_what_jinja_renders(undefined):
    stock, inline = environments(undefined=undefined)
    expected = stock.from_string(SOURCE).render(CONTEXT)
    assert inline.from_string(SOURCE).render(CONTEXT) == expected
    # The values were escaped, not copied: the test would pass on two broken engines otherwise.
    assert "&lt;b&gt;R&amp;D&lt;/b&gt; &#39;quoted&#39; &#34;twice&#34;" in expected
    assert "<em>safe</em>" in expected and "<u>django</u>" in expected and "&lt;by item&gt;" in expected


def test_it_really_compiles_differently():
    """Proof that the generator is in use: attribute reads and output are written inline."""
    _stock, inline = environments()
    code = inline.compile("{{ holder.title }}", raw=True)
    assert "environment.getattr(" in code  # only as the fallback
    assert "getattr((" in code and "escape_inner(" in code


def test_undefined_attributes_fail_as_before():
    stock, inline = environments(undefined=jinja2.StrictUndefined)
    for env in (stock, inline):
        with pytest.raises(jinja2.UndefinedError):
            env.from_string("{{ holder.missing }}").render(CONTEXT)
        with pytest.raises(jinja2.UndefinedError):
            env.from_string("{{ nothing.title }}").render(CONTEXT)


def test_context_functions_still_get_their_context():
    @jinja2.pass_context
    def who(context):
        return context["name"]

    @jinja2.pass_environment
    def env_name(environment):
        return type(environment).__name__

    stock, inline = environments()
    source = "{% for i in [1] %}{% set name = 'loop' %}{{ who() }}{% endfor %} {{ who() }} {{ env_name() }} {{ plain(2) }}"
    values = {"who": who, "env_name": env_name, "name": "page", "plain": lambda n: n * 2}
    assert inline.from_string(source).render(values) == stock.from_string(source).render(values)
    assert inline.from_string(source).render(values) == "loop page Environment 4"


def test_the_public_pages_use_it():
    env = engines["jinja2"].env
    assert env.code_generator_class is jinja_compiler.InlineCodeGenerator
    assert env.context_class is jinja_compiler.PageContext
