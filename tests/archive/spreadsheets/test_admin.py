"""Import and export in the admin: only for holders of the permission; preview, diff and errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Annotation
from archive.services import spreadsheets as csvio
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def annotated(article):
    person = factories.person("杨猛", slug="yang-meng")
    paragraph = article.paragraphs.get(position=1)
    return factories.cite(paragraph, "杨猛", person=person)


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_user_without_import_permission_gets_403_on_the_import_view(client, editor):
    client.force_login(editor)  # Editors may export, not import
    assert not editor.has_perm("archive.import_annotation")
    assert client.get(reverse("admin:archive_annotation_import")).status_code == 403
    assert client.post(reverse("admin:archive_annotation_import"), {"format": 0}).status_code == 403


def test_user_with_import_permission_gets_the_form(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("admin:archive_annotation_import"))
    assert response.status_code == 200 and 'name="import_file"' in response.content.decode()


def test_export_view_needs_the_export_permission(client, make_user, editor):
    client.force_login(make_user("viewer"))
    assert client.get(reverse("admin:archive_annotation_export")).status_code == 403
    client.force_login(editor)
    assert client.get(reverse("admin:archive_annotation_export")).status_code == 200


@pytest.mark.parametrize(
    "model", ["archive_annotation", "archive_event", "people_person", "people_organization", "people_role"]
)
def test_buttons_show_only_to_holders_of_the_permission(client, make_user, editor, reviewer, model):
    changelist = reverse(f"admin:{model}_changelist")
    import_url, export_url = reverse(f"admin:{model}_import"), reverse(f"admin:{model}_export")
    client.force_login(editor)
    page = client.get(changelist).content.decode()
    assert export_url in page and import_url not in page
    client.force_login(reviewer)
    page = client.get(changelist).content.decode()
    assert export_url in page and import_url in page


def test_admin_export_is_the_commands_csv(client, editor, annotated):
    client.force_login(editor)
    response = client.post(
        reverse("admin:archive_annotation_export"),
        {"format": 0, **{f"annotationresource_{c}": "on" for c in csvio.COLUMNS}},
    )
    assert response.status_code == 200
    assert response.content == csvio.annotations_export()


def test_dry_run_preview_shows_a_diff_and_confirming_writes(client, reviewer, annotated):
    client.force_login(reviewer)
    data = csvio.annotations_export().replace(b",published,", b",reviewed,")
    response = client.post(
        reverse("admin:archive_annotation_import"), {"format": 0, "import_file": upload("a.csv", data)}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "confirm_form" in response.context
    assert ">publish</del>" in page and ">review</ins>" in page
    assert Annotation.objects.get().status == "published"  # the preview rolled back
    confirm = response.context["confirm_form"]
    response = client.post(
        reverse("admin:archive_annotation_process_import"), {**confirm.initial, "format": 0}
    )
    assert response.status_code == 302
    annotation = Annotation.objects.get()
    assert annotation.status == "reviewed" and annotation.version == 2


def test_preview_lists_every_bad_row_and_offers_no_confirmation(client, reviewer, annotated):
    client.force_login(reviewer)
    header, row = csvio.annotations_export().decode("utf-8-sig").split("\r\n")[:2]
    bad_quote = row.replace(",杨猛,", ",不存在,", 1)
    unknown = row.replace(",yang-meng,", ",nobody,", 1)
    data = "\r\n".join([header, bad_quote, unknown]).encode("gb18030")
    response = client.post(
        reverse("admin:archive_annotation_import"), {"format": 0, "import_file": upload("a.csv", data)}
    )
    page = response.content.decode()
    assert "confirm_form" not in response.context
    assert "不存在" in page and "nobody" in page
    assert Annotation.objects.count() == 1


def test_unreadable_upload_gets_a_readable_reason(client, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:archive_annotation_import"),
        {"format": 0, "import_file": upload("a.csv", b"\x00\x01\x02binary")},
    )
    assert "binary data" in response.content.decode()
