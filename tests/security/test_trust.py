"""Issue 17's findings, each reproduced: forged evidence refused or sent back to draft, hostile
input refused with a message and never a 500."""

import json
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from archive.models import Annotation
from archive.services import annotations as annotating
from archive.services import spreadsheets as csvio
from archive.services.publishing import articles_set_published
from core import text
from core.spreadsheets import TableError, neutralise, read_table, restore, write_table
from people.models import Person, Role
from tests import factories

pytestmark = pytest.mark.django_db
Status = Annotation.Status


@pytest.fixture
def published(article):
    person, other = factories.person(), factories.person(name="孙彤宇")
    annotation = factories.cite(article.paragraphs.first(), "杨猛", person=person)
    return annotation, other


def _wb(client, name, article, **kwargs):
    return reverse(f"workbench:{name}", kwargs={"article_id": article.pk, **kwargs})


def test_an_editor_retargeting_published_evidence_sends_it_back_to_draft(client, editor, article, published):
    annotation, other = published
    client.force_login(editor)
    body = {"version": annotation.version, "kind": "person", "person": other.pk}
    response = client.post(
        _wb(client, "annotation", article, pk=annotation.pk), body, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    annotation.refresh_from_db()
    assert (annotation.person, annotation.status) == (other, Status.DRAFT)
    assert "sent back to draft" in annotation.history.first().history_change_reason
    assert Client().get(f"/people/{other.slug}/").status_code == 404


def test_a_reviewer_retargeting_keeps_the_review(reviewer, published):
    annotation, other = published
    annotating.annotation_update(
        annotation_id=annotation.pk, version=annotation.version, user=reviewer, kind="person", target=other
    )
    annotation.refresh_from_db()
    assert annotation.status == Status.PUBLISHED


def test_the_admin_change_form_cannot_set_quote_or_orphaned(client, editor, published):
    annotation, _other = published
    client.force_login(editor)
    url = reverse("admin:archive_annotation_change", args=[annotation.pk])
    form = client.get(url).content.decode()
    assert 'name="quote"' not in form and 'name="orphaned"' not in form
    client.post(
        url,
        {
            "quote": "FORGEDQUOTE",
            "orphaned": "on",
            "person": annotation.person_id,
            "status": "published",
            "expected_version": annotation.version,
            "body": "",
            "comment": "x",
        },
    )
    annotation.refresh_from_db()
    assert (annotation.quote, annotation.orphaned) == ("杨猛", False)


def test_an_orphan_cannot_carry_a_quote_the_paragraph_never_had(published):
    annotation, _other = published
    annotation.orphaned, annotation.quote = True, "FORGEDQUOTE 他承认财务造假"
    with pytest.raises(ValidationError):
        annotation.save()


def test_a_non_reviewer_cannot_import_published_rows_or_name_another_editor(editor, reviewer, published):
    exported = csvio.annotations_export()
    with pytest.raises(csvio.ImportFailed, match="status"):
        csvio.annotations_import(data=exported, filename="a.csv", user=editor)
    rows = csvio.annotation_rows()
    rows[0].update(status="draft", editor=reviewer.username)
    data = write_table(csvio.COLUMNS, [[r[c] for c in csvio.COLUMNS] for r in rows])
    with pytest.raises(csvio.ImportFailed, match="editor"):
        csvio.annotations_import(data=data, filename="a.csv", user=editor)
    assert csvio.annotations_import(data=data, filename="a.csv", user=reviewer).updated == 1


def test_publishing_articles_is_the_reviewers(editor, reviewer):
    assert not editor.has_perm("archive.publish_article") and reviewer.has_perm("archive.publish_article")


def test_the_publishing_service_refuses_an_editor_and_changes_nothing(editor, reviewer, article):
    queryset = type(article).objects.filter(pk=article.pk)
    with pytest.raises(PermissionDenied):
        articles_set_published(queryset=queryset, published=False, user=editor)
    article.refresh_from_db()
    assert article.is_published
    assert articles_set_published(queryset=queryset, published=False, user=reviewer) == 1
    article.refresh_from_db()
    assert not article.is_published and article.history.first().history_user == reviewer


def test_an_editor_cannot_publish_an_article_through_its_change_form(client, editor, reviewer, article):
    article.is_published = False
    article.save()
    url = reverse("admin:archive_article_change", args=[article.pk])
    client.force_login(editor)
    assert 'name="is_published"' not in client.get(url).content.decode()
    client.force_login(reviewer)
    assert 'name="is_published"' in client.get(url).content.decode()


@pytest.mark.parametrize(
    "value, field",
    [
        ("a\x0bb", "note"),
        ("a\x00b", "note"),
        ("\ud800", "note"),
        ("马\u200b云", "name"),
        ("\u202e马云", "name"),
    ],
)
def test_the_normaliser_refuses_naming_the_character_and_field(value, field):
    with pytest.raises(text.TextRefused, match=f"{field}: character U\\+"):
        text.normalise(value, field=field, name=field == "name")


def test_the_normaliser_composes_and_keeps_tabs_and_newlines():
    assert text.normalise("e\u0301\tb\n", field="x") == "\u00e9\tb\n"


def test_a_person_named_with_a_zero_width_space_is_refused_by_its_form_checks():
    with pytest.raises(ValidationError, match="name"):
        Person(name="马\u200b云").full_clean()


@pytest.mark.parametrize("value", [" =1+1", "＝1+1", "\u200b=cmd", "\u3000+1", "=1"])
def test_formulae_are_neutralised_behind_whitespace_format_characters_and_fullwidth(value):
    assert neutralise(value) == "'" + value and restore(neutralise(value)) == value


def test_duplicate_headers_are_refused():
    with pytest.raises(TableError, match="twice"):
        read_table(b"a,b,a\r\n1,2,3\r\n", "d.csv")


def test_a_vertical_tab_in_a_note_does_not_break_the_xlsx_export(article):
    annotation = factories.cite(article.paragraphs.first(), "杨猛", body="第一行")
    Annotation.objects.filter(pk=annotation.pk).update(body="第一行\v第二行")
    headers, rows = read_table(csvio.annotations_export(fmt="xlsx"), "e.xlsx")
    assert rows[0][1][headers.index("note")] == "第一行\n第二行"


def test_a_prefix_longer_than_its_column_is_a_row_error(published):
    rows = csvio.annotation_rows()
    rows[0]["prefix"] = "前" * 65
    data = write_table(csvio.COLUMNS, [[r[c] for c in csvio.COLUMNS] for r in rows])
    with pytest.raises(csvio.ImportFailed, match="prefix"):
        csvio.annotations_import(data=data, filename="a.csv")


def test_a_role_ending_before_it_starts_is_a_form_error_not_an_integrity_error():
    role = Role(person=factories.person(), title="总裁", start_edtf="2010", end_edtf="2005")
    with pytest.raises(ValidationError, match="end_edtf"):
        role.full_clean()


@pytest.mark.parametrize("url", ["/search/?q=%00", "/people/?q=a%00", "/events/?year=%00"])
def test_nul_in_a_public_query_is_a_400(client, url):
    assert client.get(url).status_code == 400


def test_hl_accepts_ascii_digits_only(client, article):
    for value in ("²", "①", "፩", "9" * 30):
        assert client.get(f"/articles/{article.slug}/?hl={value}").status_code == 200


@pytest.mark.parametrize(
    "name, query",
    [("people", "q=%00"), ("organizations", "q=%00"), ("events", "q=%00"), ("roles", f"person={10**20}")],
)
def test_hostile_workbench_lookups_are_400(client, reviewer, article, name, query):
    client.force_login(reviewer)
    assert client.get(_wb(client, name, article) + "?" + query).status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100000 + "]" * 100000,
        json.dumps({"comment": "x" * 70000}),
        '{"name": "\\ud800"}',
        '{"name": "a\\u0000"}',
    ],
)
def test_hostile_workbench_bodies_are_400_with_a_message(client, reviewer, article, body):
    client.force_login(reviewer)
    response = client.post(_wb(client, "people", article), body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]


def test_a_reversed_role_from_the_workbench_is_a_400(client, reviewer, article):
    client.force_login(reviewer)
    body = {"person": factories.person().pk, "title": "总裁", "start_edtf": "2010", "end_edtf": "2005"}
    response = client.post(_wb(client, "roles", article), body, content_type="application/json")
    assert response.status_code == 400 and not Role.objects.exists()


def test_import_annotations_refuses_a_device_and_a_huge_sparse_file_before_reading(tmp_path):
    device = tmp_path / "endless.csv"
    device.symlink_to("/dev/zero")
    sparse = tmp_path / "sparse.csv"
    with open(sparse, "wb") as handle:
        handle.truncate(2 << 30)
    for path in (device, sparse):
        with pytest.raises(CommandError, match=path.name):
            call_command("import_annotations", str(path), verbosity=0)
    os.remove(sparse)
