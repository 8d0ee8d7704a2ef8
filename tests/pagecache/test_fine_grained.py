"""A write redraws exactly the pages that show what it changed; other pages stay cached.

Every public page of the small world (and of a bystander: another person in another article)
is cached first; after each kind of write, every page must answer what a fresh render answers,
the pages named must have changed, and the bystander's pages must still come from the cache.
"""

import pytest
from django.urls import reverse

from archive.models import Annotation, Article
from archive.services.annotations import annotations_set_status
from archive.services.publishing import articles_set_published
from archive.services.spreadsheets import annotations_export, annotations_import
from pagecache.middleware import HIT_HEADER
from tests import factories
from tests.pagecache.conftest import assert_served_fresh, changed, page_urls, warm

pytestmark = pytest.mark.django_db
PUBLISHED, DRAFT = Annotation.Status.PUBLISHED, Annotation.Status.DRAFT


def detail(name, obj, json=False):
    return reverse(f"reading:{name}-detail{'-json' if json else ''}", args=[obj.slug])


def both(name, obj):
    return {detail(name, obj), detail(name, obj, json=True)}


class Bystander:
    """Another person, cited in another article, at another organisation: shares nothing."""

    def __init__(self):
        self.article = factories.article(lines=["王刚2010年出任速卖通总经理。"])
        self.person = factories.person(name="王刚")
        self.organization = factories.organization(name="速卖通")
        role = factories.role(self.person, title="总经理", org=self.organization, start_edtf="2010")
        factories.cite(self.article.paragraphs.get(), "总经理", role=role)

    def urls(self):
        return [
            *both("person", self.person),
            *both("organization", self.organization),
            *both("article", self.article),
        ]


@pytest.fixture
def run(client, settings, world, django_capture_on_commit_callbacks):
    """Return run(write): cache every page, write, check every page; return the pages changed."""
    with django_capture_on_commit_callbacks(execute=True):
        bystander = Bystander()
    details = [
        ("reading:person-detail", world.person.slug),
        ("reading:organization-detail", world.organization.slug),
        ("reading:article-detail", world.article.slug),
        ("reading:event-detail", world.event.slug),
    ]
    urls = page_urls(details) + [detail("article", world.hidden)] + bystander.urls()

    def run(write, extra=()):
        urls_ = urls + list(extra)
        before = warm(client, urls_)
        with django_capture_on_commit_callbacks(execute=True):
            write()
        kept = [url for url in bystander.urls() if client.get(url).get(HIT_HEADER) != "hit"]
        assert not kept, f"pages that show nothing of the write were redrawn: {kept}"
        return changed(before, assert_served_fresh(client, urls_, settings))

    return run


def status(annotation, value):
    return lambda: annotations_set_status(queryset=Annotation.objects.filter(pk=annotation.pk), status=value)


def test_publishing_an_annotation(run, world):
    shown = run(status(world.draft, PUBLISHED))
    assert both("person", world.person) | both("article", world.article) <= shown


def test_withdrawing_an_annotation(run, world):
    shown = run(status(world.role_citation, DRAFT))
    assert both("person", world.person) | both("organization", world.organization) <= shown
    assert both("article", world.article) <= shown


def test_retargeting_an_annotation_to_another_person(run, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        other = factories.person(name="李琪")
        factories.cite(world.paragraphs[1], "杨猛", person=other)

    def retarget():
        world.role_citation.role = None
        world.role_citation.person = other
        world.role_citation.save()

    shown = run(retarget)
    assert both("person", world.person) | both("organization", world.organization) <= shown
    assert detail("person", other, json=True) in {reverse("reading:person-detail-json", args=[other.slug])}


def test_editing_a_role(run, world):
    def edit():
        world.role.title = "总裁"
        world.role.save()

    shown = run(edit)
    assert both("person", world.person) | both("organization", world.organization) <= shown


def test_renaming_a_person(run, world):
    def rename():
        world.person.name = "杨猛猛"
        world.person.save()

    shown = run(rename)
    assert both("person", world.person) | {detail("event", world.event, json=True), "/people.json"} <= shown
    assert detail("organization", world.organization, json=True) in shown


def test_publishing_and_withdrawing_an_article(run, world):
    shown = run(
        lambda: articles_set_published(queryset=Article.objects.filter(pk=world.hidden.pk), published=True)
    )
    assert both("person", world.person) | {detail("article", world.hidden), "/articles.json"} <= shown
    shown = run(
        lambda: articles_set_published(queryset=Article.objects.filter(pk=world.article.pk), published=False)
    )
    assert both("person", world.person) | both("organization", world.organization) <= shown
    assert both("event", world.event) <= shown


def test_editing_an_event(run, world):
    def edit():
        world.event.title = "升任大区主管"
        world.event.save()

    shown = run(edit)
    assert both("event", world.event) | both("person", world.person) | {"/events.json"} <= shown
    assert detail("organization", world.organization, json=True) in shown


def test_adding_an_event_participant(run, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        other = factories.person(name="李琪")
        factories.cite(world.paragraphs[1], "杨猛", person=other)
    shown = run(lambda: world.event.participants.add(other), extra=both("person", other))
    assert both("event", world.event) | both("person", other) <= shown


def test_importing_annotations(run, world):
    data = annotations_export().decode("utf-8-sig").replace(",draft,", ",published,").encode("utf-8")
    shown = run(lambda: annotations_import(data=data, filename="reviewed.csv"))
    assert both("person", world.person) <= shown


def test_a_first_citation_makes_a_person_public_on_every_page_that_lists_them(
    run, world, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = factories.person(name="李琪")
        world.event.participants.add(newcomer)
        draft = factories.cite(world.paragraphs[1], "杨猛", status=DRAFT, person=newcomer)
    shown = run(status(draft, PUBLISHED))
    assert {"/people.json", detail("event", world.event, json=True)} <= shown
    assert "李琪" in client.get(detail("event", world.event, json=True)).content.decode()
