"""The public JSON contract as other tools read it: nulls, absolute links, errors, paging, CORS."""

import re

import pytest

from archive import public

DATE_KEYS = {"start", "end", "date", "published"}


def date_values(data):
    """Yield every value under a date key, anywhere in a payload."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in DATE_KEYS and not isinstance(value, (dict, list, int)):  # offsets are ints
                yield key, value
            else:
                yield from date_values(value)
    elif isinstance(data, list):
        for item in data:
            yield from date_values(item)


def url_values(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "url" and value is not None:
                yield value
            else:
                yield from url_values(value)
    elif isinstance(data, list):
        for item in data:
            yield from url_values(item)


JSON_PAGES = [
    "/people.json",
    "/people/yang-meng.json",
    "/people/dai-shan.json",
    "/events.json",
    "/articles.json",
    "/articles/alibaba-b2b-18-years.json",
    "/organizations/cbu.json",
    "/search.json?q=杨猛",
]


@pytest.mark.parametrize("url", JSON_PAGES)
def test_unknown_dates_are_null_never_empty_strings(client, demo, url):
    values = list(date_values(client.get(url).json()))
    assert values or url in ("/people.json", "/search.json?q=杨猛"), "the page has dates to check"
    assert all(value is None or (isinstance(value, str) and value) for _, value in values)


def test_events_json_has_null_end_dates(client, demo):
    events = client.get("/events.json").json()["results"]
    assert any(event["end"] is None for event in events)


@pytest.mark.parametrize("url", JSON_PAGES)
def test_links_in_payloads_are_absolute(client, demo, url):
    urls = list(url_values(client.get(url).json()))
    assert urls
    assert all(re.match(r"https?://", u) for u in urls), [u for u in urls if not u.startswith("http")]


@pytest.mark.parametrize(
    "query",
    [{"year": "abc"}, {"person": "nobody-at-all"}, {"category": "coronation"}, {"organization": "x-y-z"}],
)
def test_bad_event_filter_is_a_json_400(client, demo, query):
    response = client.get("/events.json", query)
    assert response.status_code == 400
    data = response.json()
    assert data["error"].startswith("invalid filter") and set(data["fields"]) == set(query)


def test_bad_people_filter_is_a_json_400_and_the_html_form_shows_it(client, demo):
    assert client.get("/people.json", {"year": "soon"}).status_code == 400
    html = client.get("/people/", {"year": "soon"}).content.decode()
    assert 'class="error"' in html


def test_good_filters_still_answer(client, demo):
    assert client.get("/events.json", {"year": "2003", "person": "yang-meng"}).status_code == 200


@pytest.mark.parametrize(
    "url", ["/people/nobody.json", "/events/nothing-here.json", "/articles/none.json", "/people.json?page=99"]
)
def test_json_404_is_json(client, demo, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "not found"}


def test_html_404_stays_html(client, demo):
    response = client.get("/people/nobody/")
    assert response.status_code == 404 and not response["Content-Type"].startswith("application/json")


def test_lists_page_with_next_previous_and_a_link_header(client, demo, settings):
    first = client.get("/events.json")
    data = first.json()
    assert data["num_pages"] >= 1
    second = client.get("/people.json", {"page": 1})
    for response in (first, second):
        body = response.json()
        if body["next"]:
            assert f'<{body["next"]}>; rel="next"' in response["Link"]
            assert body["next"].startswith("http://testserver/")


def test_link_header_names_both_neighbours_on_a_middle_page(client, demo, monkeypatch):
    from reading.views import EventListView

    monkeypatch.setattr(EventListView, "paginate_by", 2)
    response = client.get("/events.json", {"page": 2})
    body = response.json()
    assert body["previous"] and body["next"]
    assert response["Link"] == f'<{body["next"]}>; rel="next", <{body["previous"]}>; rel="prev"'


def test_event_pages_share_no_event_and_miss_none_when_dates_tie(client, demo, monkeypatch):
    from reading.views import EventListView

    monkeypatch.setattr(EventListView, "paginate_by", 3)
    pages = client.get("/events.json").json()["num_pages"]
    seen = []
    for number in range(1, pages + 1):
        seen += [e["slug"] for e in client.get("/events.json", {"page": number}).json()["results"]]
    assert sorted(seen) == sorted(public.events().values_list("slug", flat=True))
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("url", ["/events.json", "/people/yang-meng.json", "/articles.json"])
def test_public_json_allows_any_origin(client, demo, url):
    response = client.get(url, HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "url", ["/admin/login/", "/people/yang-meng/", "/events/", "/admin/archive/article/1/annotate/"]
)
def test_no_cors_header_on_html_admin_or_workbench(client, demo, url):
    response = client.get(url, HTTP_ORIGIN="https://example.org")
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("url", ["/people/%C2%84.json", "/nothing.json", "/people/a/b.json"])
def test_an_unknown_json_address_is_a_json_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404 and response.json() == {"error": "not found"}
