"""The page cache on, and a small public archive whose every public page a test can compare.

``assert_served_fresh`` is the check the publish paths share: the next anonymous request of
every page answers exactly what a render without the cache answers.
"""

import pytest
from django.core.cache import caches
from django.urls import reverse

from archive.models import Annotation
from pagecache.middleware import HIT_HEADER
from people.models import Alias, OrganizationAlias
from tests import factories

DRAFT = Annotation.Status.DRAFT


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.ANNALS_PAGE_CACHE_SECONDS = 60
    caches[settings.ANNALS_PAGE_CACHE].clear()


class World:
    """A published article citing a person, a role, an organisation and an event; a draft; a
    second, unpublished article citing another role."""

    def __init__(self):
        self.article = factories.article()
        self.person = factories.person(description="阿里巴巴第598号员工")
        self.alias = Alias.objects.create(person=self.person, name="猛哥", kind=Alias.Kind.NICKNAME)
        self.organization = factories.organization()
        self.org_alias = OrganizationAlias.objects.create(organization=self.organization, name="CBU")
        first, second, third = self.article.paragraphs.order_by("position")
        self.paragraphs = [first, second, third]
        self.mention = factories.cite(first, "杨猛", person=self.person)
        self.role = factories.role(self.person, org=self.organization)
        self.role_citation = factories.cite(first, "联席总经理", role=self.role)
        factories.cite(first, "中国内贸事业部", organization=self.organization)
        self.event = factories.event(title="升任区域主管", edtf="2003")
        self.event.participants.add(self.person)
        self.event.organizations.add(self.organization)
        self.event_citation = factories.cite(second, "升成区域主管", event=self.event)
        self.draft_role = factories.role(self.person, title="区域经理")
        self.draft = factories.cite(third, "区域经理", status=DRAFT, role=self.draft_role)
        self.hidden = factories.article(lines=["杨猛后来出任台州大区总经理。"], published=False)
        self.hidden_role = factories.role(self.person, title="台州大区总经理")
        factories.cite(self.hidden.paragraphs.get(), "台州大区总经理", role=self.hidden_role)

    def urls(self):
        """Return every public page the archive's change can show on, HTML and JSON."""
        person, organization, article = self.person.slug, self.organization.slug, self.article.slug
        return page_urls(
            [
                ("reading:person-detail", person),
                ("reading:organization-detail", organization),
                ("reading:article-detail", article),
            ]
        )


def page_urls(details=()):
    """Return the home, list and search pages, and the HTML and JSON of the detail pages given."""
    urls = ["/", "/people/", "/people.json", "/events/", "/events.json", "/articles/", "/articles.json"]
    urls += ["/search/?q=杨猛", "/search.json?q=杨猛"]
    for name, slug in details:
        urls += [reverse(name, args=[slug]), reverse(f"{name}-json", args=[slug])]
    return urls


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return World()


def pages(client, urls):
    return {url: (response.status_code, response.content) for url, response in _get(client, urls)}


def _get(client, urls):
    return [(url, client.get(url)) for url in urls]


def warm(client, urls):
    """Fetch every page twice, proving the second answer came from the cache; return the pages."""
    first = pages(client, urls)
    for url, response in _get(client, urls):
        if response.status_code == 200:
            assert response[HIT_HEADER] == "hit", f"{url} was not cached"
    return first


def assert_served_fresh(client, urls, settings):
    """Assert the next anonymous visit of every page answers what an uncached render answers."""
    served = pages(client, urls)
    seconds, settings.ANNALS_PAGE_CACHE_SECONDS = settings.ANNALS_PAGE_CACHE_SECONDS, 0
    try:
        fresh = pages(client, urls)
    finally:
        settings.ANNALS_PAGE_CACHE_SECONDS = seconds
    stale = [url for url in urls if served[url] != fresh[url]]
    assert not stale, f"stale pages served from the cache: {stale}"
    return served


def changed(before, after):
    """Return the pages whose answer changed."""
    return {url for url in before if before[url] != after[url]}
