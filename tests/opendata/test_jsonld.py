"""schema.org JSON-LD on every public detail page: expands offline, domains and ranges hold, ISO dates.

Each block is expanded with pyld against a trimmed copy of the schema.org context kept beside
this test (fixtures/schemaorg-context.jsonld: the real context's @vocab and the coercions of the
properties we use), with a document loader that refuses the network. The table below is
schema.org's domain (``domainIncludes``) and range (``rangeIncludes``) of each property used.
"""

import json
import re
from pathlib import Path

import pytest
from pyld import jsonld

from archive import public

SCHEMA = "http://schema.org/"
CONTEXT = json.loads((Path(__file__).parent / "fixtures" / "schemaorg-context.jsonld").read_text())
SUPER = {
    "NewsArticle": "Article",
    "Article": "CreativeWork",
    "CreativeWork": "Thing",
    "Person": "Thing",
    "Organization": "Thing",
    "Event": "Thing",
    "OrganizationRole": "Role",
    "Role": "Intangible",
    "Intangible": "Thing",
}
THING = {"name": "Text", "alternateName": "Text", "description": "Text", "url": "URL", "sameAs": "URL"}
PROPERTIES = {
    # property: (domain types, range types); "Text", "URL" and "Date" are data types.
    **{key: ({"Thing"}, {value}) for key, value in THING.items()},
    "subjectOf": ({"Thing"}, {"CreativeWork", "Event"}),
    "worksFor": ({"Person"}, {"Organization"}),
    "memberOf": ({"Person", "Organization"}, {"Organization", "ProgramMembership"}),
    "member": ({"Organization", "ProgramMembership"}, {"Organization", "Person"}),
    "parentOrganization": ({"Organization"}, {"Organization"}),
    "subOrganization": ({"Organization"}, {"Organization"}),
    "roleName": ({"Role"}, {"Text", "URL"}),
    "startDate": ({"Role", "Event"}, {"Date"}),
    "endDate": ({"Role", "Event"}, {"Date"}),
    "attendee": ({"Event"}, {"Organization", "Person"}),
    "headline": ({"CreativeWork"}, {"Text"}),
    "inLanguage": ({"CreativeWork", "Event"}, {"Text", "Language"}),
    "author": ({"CreativeWork"}, {"Organization", "Person"}),
    "publisher": ({"CreativeWork"}, {"Organization", "Person"}),
    "datePublished": ({"CreativeWork"}, {"Date"}),
    "isBasedOn": ({"CreativeWork"}, {"CreativeWork", "Product", "URL"}),
}
ISO = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def offline_loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise AssertionError(f"the test tried to load {url}")


def ancestors(kind):
    while kind:
        yield kind
        kind = SUPER.get(kind)


def types_of(node):
    return {t.removeprefix(SCHEMA) for t in node.get("@type", [])}


def check_node(node, via=None):
    """Return every domain/range failure in an expanded node; a Role stands in for its property."""
    errors = []
    types = types_of(node)
    known = {a for t in types for a in ancestors(t)}
    for key, values in node.items():
        if key.startswith("@"):
            continue
        name = key.removeprefix(SCHEMA)
        if name not in PROPERTIES:
            errors.append(f"unknown property {key}")
            continue
        domain, range_ = PROPERTIES[name]
        if not known & domain and not ("Role" in known and name == via):
            errors.append(f"{name} on {types}")
        for value in values:
            errors += check_value(name, value, range_)
    return errors


def check_value(name, value, range_):
    if "@value" in value:
        datatype = value.get("@type", "").removeprefix(SCHEMA)
        if datatype == "Date" or name in {"startDate", "endDate", "datePublished"}:
            return [] if "Date" in range_ and ISO.match(value["@value"]) else [f"{name} = {value}"]
        return [] if range_ & {"Text"} else [f"{name}: text for {range_}"]
    if set(value) == {"@id"}:
        return [] if "URL" in range_ else [f"{name}: bare IRI for {range_}"]
    known = {a for t in types_of(value) for a in ancestors(t)}
    if "Role" in known:
        return check_node(value, via=name)
    return ([] if known & range_ else [f"{name}: {types_of(value)} not in {range_}"]) + check_node(value)


def public_pages():
    pages = [p.get_absolute_url() for p in public.people()]
    pages += [o.get_absolute_url() for o in public.organizations()]
    pages += [e.get_absolute_url() for e in public.events()]
    return pages + [a.get_absolute_url() for a in public.articles()]


def blocks(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [json.loads(raw) for raw in SCRIPT.findall(response.content.decode())]


def test_every_public_detail_page_has_schema_org_that_holds_its_domains_and_ranges(client, demo):
    failures, checked = {}, 0
    for url in public_pages():
        found = blocks(client, url)
        assert len(found) == 1, url
        for node in jsonld.expand(found[0], {"documentLoader": offline_loader}):
            checked += 1
            assert node.get("@id", "").startswith("http://testserver/")
            errors = check_node(node)
            if errors:
                failures[url] = errors
    assert checked > 50 and failures == {}


def walk_dates(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in {"startDate", "endDate", "datePublished"}:
                yield value
            else:
                yield from walk_dates(value)
    elif isinstance(data, list):
        for item in data:
            yield from walk_dates(item)


def test_no_public_page_carries_a_non_iso_date(client, demo):
    dates = [d for url in public_pages() for block in blocks(client, url) for d in walk_dates(block)]
    assert len(dates) > 20
    assert [d for d in dates if not ISO.match(d)] == []


def test_yang_meng_is_a_person_working_for_organisations_through_dated_roles(client, demo):
    (person,) = blocks(client, "/people/yang-meng/")
    assert person["@type"] == "Person" and person["@id"] == "http://testserver/people/yang-meng/#person"
    roles = person["worksFor"]
    assert all(
        r["@type"] == "OrganizationRole" and r["worksFor"]["@id"].endswith("#organization") for r in roles
    )
    assert roles[0]["startDate"] == "2002-04-01" and person["subjectOf"]


def test_a_reprint_is_based_on_its_original(client, demo):
    (article,) = blocks(client, "/articles/alibaba-b2b-18-years-reprint-qingyun/")
    assert article["isBasedOn"]["@id"] == "http://testserver/articles/alibaba-b2b-18-years/#article"
    assert article["datePublished"] == "2017-09-12"


def test_wikidata_item_is_same_as(client, demo):
    from people.models import Person

    Person.objects.filter(slug="dai-shan").update(wikidata_id="Q15927410")
    (person,) = blocks(client, "/people/dai-shan/")
    assert person["sameAs"] == "https://www.wikidata.org/entity/Q15927410"


@pytest.mark.parametrize("value", ["1999~", "2003?", "1999/2002", "2002-10-31T00:00", ""])
def test_iso_date_refuses_what_iso_cannot_say(value):
    from reading.jsonld import iso_date

    assert iso_date(value) is None


def test_the_checks_catch_the_old_person_markup():
    old = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "杨猛",
        "worksFor": [
            {
                "@type": "OrganizationRole",
                "roleName": "总经理",
                "startDate": "1999~",
                "memberOf": {"@type": "Organization", "name": "CBU"},
            }
        ],
    }
    (node,) = jsonld.expand(old, {"documentLoader": offline_loader})
    errors = check_node(node)
    assert any("startDate" in e for e in errors) and any("memberOf" in e for e in errors)
