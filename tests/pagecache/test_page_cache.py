"""Public pages come from the cache until publishing moves the content version."""

import pytest
from django.db import transaction

from archive.models import Annotation
from archive.services.annotations import annotations_set_status
from pagecache.middleware import HIT_HEADER
from pagecache.models import ContentVersion
from tests import factories

pytestmark = pytest.mark.django_db
PUBLISHED = Annotation.Status.PUBLISHED


@pytest.fixture
def career(db, django_capture_on_commit_callbacks):
    """Return a public person (a published mention) with a second role cited only by a draft.

    The set-up's commit callbacks run here, as a real commit would run them, so each test starts
    with none pending.
    """
    with django_capture_on_commit_callbacks(execute=True):
        article = factories.article()
        person = factories.person()
        paragraphs = list(article.paragraphs.all())
        factories.cite(paragraphs[0], "杨猛", person=person)
        role = factories.role(person, title="区域经理")
        draft = factories.cite(paragraphs[2], "区域经理", status=Annotation.Status.DRAFT, role=role)
    return person, draft, article


def test_second_visit_is_served_from_the_cache_with_one_query(client, career, django_assert_num_queries):
    url = career[0].get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200 and not first.has_header(HIT_HEADER)
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content


def test_publishing_an_annotation_shows_at_once(client, career, django_capture_on_commit_callbacks):
    person, draft, _ = career
    assert "区域经理" not in client.get(person.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        annotations_set_status(queryset=Annotation.objects.filter(pk=draft.pk), status=PUBLISHED)
    response = client.get(person.get_absolute_url())
    assert not response.has_header(HIT_HEADER) and "区域经理" in response.content.decode()


def test_unpublishing_the_article_takes_the_page_down(client, career, django_capture_on_commit_callbacks):
    person, _, article = career
    url = person.get_absolute_url()
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        article.is_published = False
        article.save()
    assert client.get(url).status_code == 404


def test_a_transaction_moves_the_version_once_and_only_when_it_commits(
    career, django_capture_on_commit_callbacks
):
    before = ContentVersion.objects.current()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for name in ("甲", "乙", "丙"):
                factories.person(name=name)
            assert ContentVersion.objects.current() == before
    assert ContentVersion.objects.current() == before + 1


def test_signed_in_editors_always_get_a_fresh_page(client, career, editor):
    client.force_login(editor)
    url = career[0].get_absolute_url()
    client.get(url)
    assert not client.get(url).has_header(HIT_HEADER)


def test_public_pages_carry_no_per_visitor_state(client, career):
    page = client.get(career[0].get_absolute_url())
    assert b"csrfmiddlewaretoken" not in page.content and not page.cookies


def test_pages_of_each_language_are_cached_apart(client, career):
    url = career[0].get_absolute_url()
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert not english.has_header(HIT_HEADER) and english.content != chinese.content


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_a_csv_import_publishing_a_role_shows_at_once(client, career, django_capture_on_commit_callbacks):
    from archive.services.spreadsheets import annotations_export, annotations_import

    person, draft, _ = career
    assert "区域经理" not in client.get(person.get_absolute_url()).content.decode()
    data = annotations_export().decode("utf-8-sig").replace(",draft,", ",published,").encode("utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        annotations_import(data=data, filename="reviewed.csv")
    response = client.get(person.get_absolute_url())
    assert not response.has_header(HIT_HEADER) and "区域经理" in response.content.decode()


def test_content_version_is_read_once_per_ttl_and_a_bump_is_seen_at_once(
    db, settings, django_assert_num_queries
):
    settings.ANNALS_CONTENT_VERSION_TTL = 60
    ContentVersion.objects._memo.clear()
    first = ContentVersion.objects.current()
    with django_assert_num_queries(0):
        assert ContentVersion.objects.current() == first
    ContentVersion.objects.bump()
    assert ContentVersion.objects.current() == first + 1
    settings.ANNALS_CONTENT_VERSION_TTL = 0
    with django_assert_num_queries(1):
        ContentVersion.objects.current()
