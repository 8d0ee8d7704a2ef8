"""Every model has an admin; anonymous visitors are sent to the login; editors can work."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db
# Derived indexes are rebuilt by services from the text, and the content version (the key of cached
# public pages) moves by itself; neither is edited by hand, so they have no admin.
DERIVED_INDEXES = {"ShingleKey", "ContentVersion"}
PROJECT_MODELS = [
    m
    for app in ("people", "archive")
    for m in apps.get_app_config(app).get_models()
    if not m.__name__.startswith("Historical") and m.__name__ not in DERIVED_INDEXES
]


def admin_urls(model):
    opts = model._meta
    return [reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}") for view in ("changelist", "add")]


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m.__name__)
def test_every_model_has_an_admin(model):
    assert admin.site.is_registered(model)


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m.__name__)
def test_anonymous_visitor_is_redirected_to_login(client, model):
    for url in admin_urls(model):
        response = client.get(url)
        assert response.status_code == 302 and reverse("admin:login") in response["Location"], url


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m.__name__)
def test_editor_sees_every_changelist_and_add_form(client, editor, model):
    client.force_login(editor)
    for url in admin_urls(model):
        assert client.get(url).status_code == 200, url


def test_non_staff_user_is_refused(client, make_user):
    client.force_login(make_user("reader", staff=False))
    response = client.get(reverse("admin:people_person_changelist"))
    assert response.status_code == 302


def test_editor_cannot_publish_but_reviewer_can(client, editor, reviewer, article):
    from archive.models import Annotation
    from tests import factories

    annotation = factories.cite(
        article.paragraphs.first(), "杨猛", status=Annotation.Status.DRAFT, person=factories.person()
    )
    url = reverse("admin:archive_annotation_changelist")
    data = {"action": "publish", "_selected_action": [annotation.pk]}
    client.force_login(editor)
    client.post(url, data)
    annotation.refresh_from_db()
    assert annotation.status == Annotation.Status.DRAFT
    client.force_login(reviewer)
    client.post(url, data)
    annotation.refresh_from_db()
    assert annotation.status == Annotation.Status.PUBLISHED


def test_admin_search_finds_person_by_pinyin(client, editor):
    from tests import factories

    factories.person("杨猛")
    client.force_login(editor)
    response = client.get(reverse("admin:people_person_changelist"), {"q": "yangmeng"})
    assert "杨猛" in response.content.decode()


def test_article_change_page_lists_paragraph_inlines(client, editor, article):
    client.force_login(editor)
    response = client.get(reverse("admin:archive_article_change", args=[article.pk]))
    assert response.status_code == 200 and "入职1年零5个月后" in response.content.decode()
