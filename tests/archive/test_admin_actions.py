"""Every admin action either moves the versions of the public pages it changes or leaves them alone.

The actions are discovered from the admin site, so a new action (or a newly registered model)
without a proof here fails: each model needs a maker below, and each action must leave every
cached public page answering what a fresh render answers (the page cache stamps the keys of
what the action touched).
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import RequestFactory
from django.urls import reverse

from archive.models import Alignment, Annotation, Article, Event
from pagecache.models import ContentVersion
from people.models import Alias, Organization, OrganizationAlias, Person
from tests import factories

pytestmark = pytest.mark.django_db
PUBLIC_PAGES = ["/", "/people.json", "/events.json", "/articles.json", "/search.json?q=杨猛"]


def _paragraph():
    return factories.article().paragraphs.first()


def _alignment():
    original, copy = factories.article().paragraphs.first(), _paragraph()
    return Alignment.objects.create(paragraph=copy, source=original, similarity=1.0, rank=1)


def _annotation(status):
    return factories.cite(_paragraph(), "杨猛", status=status, person=factories.person())


# What each action is tried on: an object the action changes (an article the "publish" action
# can publish), or that "delete selected" can delete (nothing protects it).
MAKERS = {
    "archive.Article": lambda action: factories.article(published=action != "publish"),
    "archive.Paragraph": lambda action: _paragraph(),
    "archive.Alignment": lambda action: _alignment(),
    "archive.Event": lambda action: factories.event(),
    "archive.Annotation": lambda action: _annotation(
        Annotation.Status.DRAFT if action in ("publish", "mark_reviewed") else Annotation.Status.PUBLISHED
    ),
    "people.Person": lambda action: factories.person(name="王刚"),
    "people.Alias": lambda action: Alias.objects.create(person=factories.person(), name="猛哥"),
    "people.Organization": lambda action: factories.organization(name="速卖通"),
    "people.OrganizationAlias": lambda action: OrganizationAlias.objects.create(
        organization=factories.organization(), name="CBU"
    ),
    "people.Role": lambda action: factories.role(),
    "auth.User": lambda action: _user("someone"),
    "auth.Group": lambda action: Group.objects.create(name="Visitors"),
}


def _user(name):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(name, password="pw")


def admin_actions():
    superuser = type("Superuser", (), {"is_active": True, "is_staff": True, "is_superuser": True})()
    superuser.has_perm = lambda perm, obj=None: True
    request = RequestFactory().get("/admin/")
    request.user = superuser
    return sorted(
        (model._meta.label, name)
        for model, model_admin in admin.site._registry.items()
        for name in model_admin.get_actions(request)
    )


def test_the_admin_has_the_actions_this_file_proves():
    found = admin_actions()
    assert ("archive.Article", "unpublish") in found and ("archive.Annotation", "publish") in found
    assert {label for label, _ in found} <= set(MAKERS), "add a maker for each newly registered model"


def public_pages(client, urls):
    return {url: (response.status_code, response.content) for url in urls for response in [client.get(url)]}


def detail_urls(*objects):
    return [obj.get_absolute_url() for obj in objects if hasattr(obj, "get_absolute_url")]


@pytest.mark.parametrize("label, action", admin_actions())
def test_every_admin_action_moves_the_versions_of_the_pages_it_changes_or_leaves_them_alone(
    label, action, admin_client, client, settings, django_capture_on_commit_callbacks
):
    """With every page cached, an action must leave the pages alone or stamp what they showed:
    the next visit of each page answers what a render without the cache answers."""
    settings.ANNALS_PAGE_CACHE_SECONDS = 60
    caches[settings.ANNALS_PAGE_CACHE].clear()
    with django_capture_on_commit_callbacks(execute=True):
        cited = factories.person()
        factories.cite(factories.article().paragraphs.first(), "杨猛", person=cited)
        target = MAKERS[label](action)
    model = type(target)
    urls = PUBLIC_PAGES + detail_urls(cited, target)
    before, cached = ContentVersion.objects.current(), public_pages(client, urls)
    assert public_pages(client, urls) == cached
    data = {"action": action, "_selected_action": [target.pk], "post": "yes"}
    opts = model._meta
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), data)
    assert response.status_code == 302
    served = public_pages(client, urls)
    settings.ANNALS_PAGE_CACHE_SECONDS = 0
    fresh = public_pages(client, urls)
    stale = [url for url in urls if served[url] != fresh[url]]
    assert not stale, f"{label} action {action!r} changed {stale} without moving their versions"
    if fresh != cached:
        assert ContentVersion.objects.current() > before, f"{label} {action!r} changed public pages"


ADMINS_WITH_SLUGS = [
    (Person, lambda: factories.person()),
    (Organization, lambda: factories.organization()),
    (Article, lambda: factories.article()),
    (Event, lambda: factories.event()),
]


@pytest.mark.parametrize("model, make", ADMINS_WITH_SLUGS, ids=[m.__name__ for m, _ in ADMINS_WITH_SLUGS])
def test_a_slug_is_set_on_creation_and_read_only_afterwards(model, make, admin_client, rf, admin_user):
    obj = make()
    request = rf.get("/admin/")
    request.user = admin_user
    model_admin = admin.site._registry[model]
    assert "slug" not in model_admin.get_readonly_fields(request, None)
    assert "slug" in model_admin.get_readonly_fields(request, obj)
    opts = model._meta
    change = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert b'name="slug"' not in change.content and obj.slug in change.content.decode()
    assert b'name="slug"' in add.content


def test_deleting_in_the_admin_records_who_and_why(admin_client, admin_user):
    person = factories.person(name="王刚")
    opts = Person._meta
    admin_client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "delete_selected", "_selected_action": [person.pk], "post": "yes"},
    )
    record = Person.history.get(id=person.pk, history_type="-")
    assert (record.history_user, record.history_change_reason) == (admin_user, "deleted in the admin")


def test_withdrawing_in_the_admin_records_who_and_why(admin_client, admin_user):
    article = factories.article()
    admin_client.post(
        reverse("admin:archive_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )
    record = article.history.latest()
    assert not record.is_published and record.history_user == admin_user
    assert record.history_change_reason == "withdrawn from the public pages"
    assert Article.objects.filter(pk=article.pk, is_published=False).exists()
