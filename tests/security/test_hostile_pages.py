"""Markup and script in every free-text field come out escaped: public pages, JSON, JSON-LD, admin."""

import json
import re
from xml.etree import ElementTree

import pytest
from django.core.cache import caches
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from tests.security import hostile
from tests.security.urls import public_urls, registered_models

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        records = hostile.build()
        yield records
        transaction.set_rollback(True)


@pytest.fixture
def records(archive, db):
    caches["default"].clear()
    return archive


def assert_escaped(url, response):
    body = response.content.decode()
    for marker in hostile.RAW_MARKERS:
        assert marker not in body, f"{url} carries {marker!r} unescaped"


def test_the_hostile_archive_is_public(records):
    urls = public_urls()
    assert records["article"].get_absolute_url() in urls
    assert records["person"].get_absolute_url() in urls
    assert records["event"].get_absolute_url() in urls
    assert records["organization"].get_absolute_url() in urls


def test_every_public_html_page_escapes_the_payloads(client, records):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            assert_escaped(url, response)
    article = client.get(records["article"].get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;annals&quot;)&lt;/script&gt;" in article, (
        "the text is shown, escaped, not dropped"
    )


def test_json_ld_blocks_parse_and_never_close_their_script_element(client, records):
    found = 0
    for url in public_urls():
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        for block in JSONLD.findall(response.content.decode()):
            found += 1
            assert "<" not in block, f"{url}: raw '<' inside JSON-LD"
            json.loads(block)
    assert found, "no JSON-LD block found on any public page"


def test_json_gives_the_text_back_exactly(client, records):
    for url in public_urls():
        response = client.get(url)
        if response["Content-Type"].startswith("text/"):
            continue
        if response["Content-Type"].startswith("application/tei+xml"):
            ElementTree.fromstring(response.content)  # well-formed XML whatever the payloads
            continue
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith(("application/json", "application/ld+json")), url
        assert response["X-Content-Type-Options"] == "nosniff"
        json.loads(response.content)
    paragraphs = client.get(
        reverse("reading:article-detail-json", kwargs={"slug": records["article"].slug})
    ).json()["paragraphs"]
    assert [p["text"] for p in paragraphs] == hostile.ARTICLE_LINES
    person = client.get(reverse("reading:person-detail-json", kwargs={"slug": records["person"].slug})).json()
    assert person["person"]["name"] == hostile.hostile("人")
    assert hostile.hostile("alias") in person["person"]["aliases"]


def admin_pages(records):
    """Yield the changelist, change and history pages of every registered model, plus the workbench."""
    instances = {
        type(obj): obj
        for obj in [
            records["article"],
            records["person"],
            records["organization"],
            records["role"],
            records["event"],
            records["annotations"][0],
            records["article"].paragraphs.order_by("position")[1],
        ]
    }
    for model in registered_models():
        opts = model._meta
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        obj = instances.get(model) or model._default_manager.order_by("pk").first()
        if obj is not None:
            for view in ("change", "history", "delete"):
                yield reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])
    try:
        yield reverse("workbench:annotate", args=[records["article"].pk])
    except NoReverseMatch:
        pass


def test_admin_pages_escape_the_payloads(client, records, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", password="x"))
    pages = list(admin_pages(records))
    assert len(pages) > 30
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(url, response)
    search = client.get(reverse("admin:people_person_changelist"), {"q": hostile.SCRIPT})
    assert_escaped("admin person search", search)
