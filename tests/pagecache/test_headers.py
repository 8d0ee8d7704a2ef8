"""What a proxy or browser sees of public pages: ETag, 304, Cache-Control, no visitor state."""

import pytest
from django.urls import reverse

from pagecache.middleware import HIT_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_urls(world):
    slug = world.person.slug
    return [reverse("reading:person-detail", args=[slug]), reverse("reading:person-detail-json", args=[slug])]


def test_a_public_page_says_how_long_proxies_may_keep_it(client, person_urls, settings):
    for url in person_urls:
        response = client.head(url)
        assert response.status_code == 200 and response["ETag"]
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        max_age = settings.ANNALS_PUBLIC_MAX_AGE
        assert control == {"public", f"max-age={max_age}", f"stale-while-revalidate={max_age * 5}"}


@pytest.mark.parametrize("warm", [False, True], ids=["miss", "hit"])
def test_a_matching_if_none_match_gets_304(
    client, person_urls, settings, warm, django_assert_max_num_queries
):
    # A 304 keeps only the validating headers, so the query count tells a hit (the content
    # version, one query) from a fresh render.
    for url in person_urls:
        etag = client.get(url)["ETag"]
        settings.ANNALS_PAGE_CACHE_SECONDS = 60 if warm else 0
        with django_assert_max_num_queries(1 if warm else 100) as queries:
            second = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert second.status_code == 304 and second.content == b"" and second["ETag"] == etag
        assert (len(queries) == 1) == warm
        settings.ANNALS_PAGE_CACHE_SECONDS = 60


def test_a_stale_etag_gets_the_page(client, person_urls):
    response = client.get(person_urls[0], HTTP_IF_NONE_MATCH='"not-this-one"')
    assert response.status_code == 200 and response.content


def test_a_signed_in_editor_gets_a_private_fresh_page(client, person_urls, editor):
    for url in person_urls:
        client.get(url)  # cached for anonymous visitors
    client.force_login(editor)
    for url in person_urls:
        response = client.get(url)
        assert not response.has_header(HIT_HEADER)
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-cache"} <= control and "public" not in control
    client.get(person_urls[0])
    assert not client.get(person_urls[0]).has_header(HIT_HEADER)


def test_public_pages_set_no_cookie_and_hold_no_csrf_token(client, world):
    for url in world.urls():
        for response in (client.get(url), client.get(url)):
            assert not response.cookies, url
            assert b"csrfmiddlewaretoken" not in response.content and b"csrftoken" not in response.content


def test_the_language_link_sets_the_cookie_and_english_pages_are_cached_apart(client, world):
    people = reverse("reading:person-list")
    chinese = client.get(people)
    assert client.get(people)[HIT_HEADER] == "hit"
    switched = client.get("/language/en/?next=/people/")
    assert switched.status_code == 302 and switched["Location"] == "/people/"
    assert switched.cookies["django_language"].value == "en"
    english = client.get(people)
    assert not english.has_header(HIT_HEADER) and english["Content-Language"] == "en"
    assert english.content != chinese.content and english["ETag"] != chinese["ETag"]
    assert client.get(people)[HIT_HEADER] == "hit"
    client.cookies["django_language"] = "zh-hans"
    again = client.get(people)
    assert again[HIT_HEADER] == "hit" and again.content == chinese.content


def test_the_language_link_refuses_to_send_visitors_elsewhere(client, db):
    response = client.get("/language/en/?next=https://evil.example/")
    assert response["Location"] == "/"
