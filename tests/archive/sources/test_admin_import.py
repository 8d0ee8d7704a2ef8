"""The article admin's "Import from URL" and "Import files": archive.add_article, same services as the
commands, run as a job (the test settings' immediate backend: done before the redirect) whose
progress page shows the outcome."""

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Article
from jobs.models import JobRun

from .batches import article_text
from .conftest import PAGE, Route

pytestmark = pytest.mark.django_db
URL_FORM = reverse("admin:archive_article_import_url")
FILES_FORM = reverse("admin:archive_article_import_files")


@pytest.fixture
def no_add(make_user):
    """A staff user who may see and change articles but not add them."""
    from django.contrib.auth.models import Permission

    user = make_user("viewer")
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_article", "change_article"]))
    return user


def test_the_article_list_links_to_both_forms_for_an_editor(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:archive_article_changelist")).content.decode()
    assert URL_FORM in page and FILES_FORM in page


def test_an_editor_imports_a_page_from_a_url_and_lands_on_the_article(client, editor, server, allow_private):
    server.routes["/page.html"] = Route(PAGE.encode(), headers={"Content-Type": "text/html"})
    client.force_login(editor)
    assert client.get(URL_FORM).status_code == 200
    response = client.post(URL_FORM, {"url": server.url("/page.html"), "outlet": "某某网"})
    article, job = Article.objects.get(), JobRun.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == "succeeded" and job.user == editor
    change = reverse("admin:archive_article_change", args=[article.pk])
    assert f'href="{change}"' in client.get(response["Location"]).content.decode()
    assert (article.url, article.outlet, article.title) == (
        server.url("/page.html"),
        "某某网",
        "一家科技媒体的三次转型",
    )
    assert article.retrieved_at is not None and bytes(article.raw_file) == PAGE.encode()
    assert client.get(change).status_code == 200


def test_a_refused_url_is_shown_on_the_job_page_and_nothing_written(client, editor, server, refuse_private):
    client.force_login(editor)
    response = client.post(URL_FORM, {"url": server.url("/page.html")}, follow=True)
    assert response.status_code == 200
    assert "a loopback address" in response.content.decode()
    assert JobRun.objects.get().status == "failed" and not Article.objects.exists()


def test_an_editor_uploads_files_and_a_zip_and_sees_what_was_refused(client, editor):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("in-zip.txt", article_text(3))
        archive.writestr("../escape.txt", article_text(4))
    uploads = [
        SimpleUploadedFile("one.txt", article_text(1).encode()),
        SimpleUploadedFile("two.md", article_text(2).encode()),
        SimpleUploadedFile("empty.txt", b""),
        SimpleUploadedFile("pages.zip", buffer.getvalue()),
    ]
    client.force_login(editor)
    response = client.post(FILES_FORM, {"files": uploads}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert sorted(Article.objects.values_list("raw_filename", flat=True)) == [
        "in-zip.txt",
        "one.txt",
        "two.md",
    ]
    assert "empty.txt: " in page and "pages.zip/../escape.txt: " in page

    again = client.post(
        FILES_FORM, {"files": [SimpleUploadedFile("one-again.txt", article_text(1).encode())]}, follow=True
    )
    assert "档案中已有" in again.content.decode() and Article.objects.count() == 3  # "already in the archive"


@pytest.mark.parametrize("url", [URL_FORM, FILES_FORM])
def test_an_anonymous_visitor_is_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("url", [URL_FORM, FILES_FORM])
def test_a_user_without_the_add_permission_is_refused(client, no_add, server, allow_private, url):
    server.routes["/page.html"] = Route(PAGE.encode(), headers={"Content-Type": "text/html"})
    client.force_login(no_add)
    assert client.get(url).status_code == 403
    assert client.post(url, {"url": server.url("/page.html")}).status_code == 403
    assert server.routes["/page.html"].hits == 0 and not Article.objects.exists()
    changelist = client.get(reverse("admin:archive_article_changelist")).content.decode()
    assert URL_FORM not in changelist
