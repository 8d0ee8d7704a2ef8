"""Every admin action that changes what is public shows on the very next anonymous visit.

Pages are cached first (each fetched twice, the second a hit), the editor acts in the admin, and
then every public page, HTML and JSON, must answer what a render without the cache answers.
"""

import pytest
from django.urls import reverse

from tests.pagecache.conftest import assert_served_fresh, changed, warm

pytestmark = pytest.mark.django_db


def act(admin_client, django_capture_on_commit_callbacks, model, action, objects):
    """Run an admin action on objects as a superuser, commit callbacks included."""
    opts = model._meta
    data = {"action": action, "_selected_action": [obj.pk for obj in objects]}
    if action == "delete_selected":
        data["post"] = "yes"  # the confirmation page's answer
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), data)
    assert response.status_code == 302, response.content[:500]


@pytest.fixture
def run(admin_client, django_capture_on_commit_callbacks, client, world, settings):
    """Return a function: cache every page, run the action, check every page; return what changed."""

    def run(model, action, objects):
        urls = world.urls()
        before = warm(client, urls)
        act(admin_client, django_capture_on_commit_callbacks, model, action, objects)
        return changed(before, assert_served_fresh(client, urls, settings))

    return run


def detail(name, slug, json=False):
    return reverse(f"reading:{name}-detail{'-json' if json else ''}", args=[slug])


def test_withdrawing_an_article_takes_every_page_it_backs_down_at_once(run, world, client):
    shown = run(type(world.article), "unpublish", [world.article])
    assert client.get(detail("person", world.person.slug)).status_code == 404
    assert client.get(detail("article", world.article.slug, json=True)).status_code == 404
    assert {"/", "/events.json", "/search.json?q=杨猛", "/articles.json"} <= shown


def test_publishing_an_article_shows_its_evidence_at_once(run, world, client):
    shown = run(type(world.hidden), "publish", [world.hidden])
    assert "台州大区总经理" in client.get(detail("person", world.person.slug, json=True)).content.decode()
    assert {"/articles/", "/articles.json", detail("person", world.person.slug)} <= shown


def test_publishing_a_draft_annotation_shows_at_once(run, world, client):
    shown = run(type(world.draft), "publish", [world.draft])
    assert "区域经理" in client.get(detail("person", world.person.slug)).content.decode()
    assert detail("person", world.person.slug, json=True) in shown


@pytest.mark.parametrize("action", ["mark_draft", "mark_reviewed"])
def test_taking_an_annotation_back_from_publication_hides_it_at_once(run, world, client, action):
    shown = run(type(world.role_citation), action, [world.role_citation])
    assert "联席总经理" not in client.get(detail("person", world.person.slug, json=True)).content.decode()
    assert detail("organization", world.organization.slug) in shown


@pytest.mark.parametrize(
    "name, visible_on",
    [
        ("event_citation", "/events.json"),
        ("article", "/articles.json"),
        ("alias", "/people.json"),
        ("org_alias", "organization"),
        ("paragraphs", "article"),
    ],
)
def test_deleting_in_the_admin_shows_at_once(run, world, name, visible_on):
    objects = getattr(world, name)
    objects = objects[1:2] if isinstance(objects, list) else [objects]
    shown = run(type(objects[0]), "delete_selected", objects)
    if visible_on == "organization":
        visible_on = detail("organization", world.organization.slug, json=True)
    elif visible_on == "article":
        visible_on = detail("article", world.article.slug, json=True)
    assert visible_on in shown
