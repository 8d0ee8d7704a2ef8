"""The interface in Chinese and English: the Chinese catalogue is complete, sound and compiled; pages and messages follow the visitor's language."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale"
ZH_PO = LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%%|%\(\w+\)[sd]|%[sd]|\{\w+\}")
FIELD = re.compile(r'(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$')


def po_entries(path):
    """Yield (flags, fields) for each live entry of a .po file; the header and obsolete entries are skipped."""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            if line.startswith("#"):
                continue
            match = FIELD.match(line)
            if match:
                current = match.group(1)
                fields[current] = ast.literal_eval(match.group(2))
            else:  # a continuation line of the current field
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid"):
            yield flags, fields


def translations(fields):
    return [value for key, value in fields.items() if key.startswith("msgstr")]


def test_every_chinese_string_is_translated_and_none_is_fuzzy():
    entries = list(po_entries(ZH_PO))
    assert len(entries) > 300
    assert [f["msgid"] for flags, f in entries if "fuzzy" in flags or not all(translations(f))] == []


def test_chinese_translations_keep_every_placeholder_and_have_one_plural_form():
    broken = []
    for _flags, fields in po_entries(ZH_PO):
        wanted = sorted(PLACEHOLDER.findall(fields["msgid"]))
        broken += [
            fields["msgid"] for text in translations(fields) if sorted(PLACEHOLDER.findall(text)) != wanted
        ]
        if "msgid_plural" in fields and len(translations(fields)) != 1:  # nplurals=1 in Chinese
            broken.append(fields["msgid"])
    assert broken == []


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_compiled_catalogue_matches_its_source(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    with open(po.with_suffix(".mo"), "rb") as mo_file:
        mo = gettext.GNUTranslations(mo_file)
    stale = []
    for _flags, fields in po_entries(po):
        if "msgctxt" in fields or not fields.get("msgstr", fields.get("msgstr[0]")):
            continue
        if "msgid_plural" in fields:
            compiled = mo.ngettext(fields["msgid"], fields["msgid_plural"], 1)
            expected = fields["msgstr[0]"]
        else:
            compiled, expected = mo.gettext(fields["msgid"]), fields["msgstr"]
        if compiled != expected:
            stale.append(fields["msgid"])
    assert stale == [], "run compilemessages"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, expected",
    [("zh-hans", "请求内容不是有效的 JSON。"), ("en", "The request body is not valid JSON.")],
)
def test_workbench_errors_come_in_the_visitors_language(client, editor, article, language, expected):
    client.force_login(editor)
    address = reverse("workbench:annotations", args=[article.pk])
    response = client.post(
        address, "{not json", content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400 and response.json()["error"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, words",
    [
        ("zh-hans", ["新建标注", "保存标注", "失锚标注"]),
        ("en", ["New annotation", "Save annotation", "Orphaned annotations"]),
    ],
)
def test_workbench_page_speaks_the_visitors_language(client, editor, article, language, words):
    client.force_login(editor)
    page = client.get(
        reverse("workbench:annotate", args=[article.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert all(word in page for word in words)


def jinja_messages():
    """Yield (template, line, msgid) of every string the public (Jinja2) templates translate."""
    from django.template import engines

    env = engines["jinja2"].env
    folder = Path(settings.BASE_DIR) / "templates" / "jinja2"
    for path in sorted(folder.rglob("*.html")):
        for line, _function, message in env.extract_translations(path.read_text(encoding="utf-8")):
            for msgid in message if isinstance(message, tuple) else (message,):
                if msgid:
                    yield path.relative_to(folder), line, msgid


def test_every_string_of_the_public_templates_is_in_the_chinese_catalogue():
    from reading.jinja import UI_STRINGS

    catalogue = {fields["msgid"] for _flags, fields in po_entries(ZH_PO)}
    catalogue |= {fields["msgid_plural"] for _flags, fields in po_entries(ZH_PO) if "msgid_plural" in fields}
    found = list(jinja_messages())
    missing = [(str(path), line, msgid) for path, line, msgid in found if msgid not in catalogue]
    missing += [("reading/jinja.py", 0, msgid) for msgid in UI_STRINGS.values() if msgid not in catalogue]
    assert len(found) > 40 and missing == []
