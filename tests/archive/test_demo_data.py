"""Consistency checks on the curated demo archive (archive/demo/articles.yaml, records/*.csv).

Reads articles.yaml with PyYAML and the records — the CSV files in the format of
``export_archive`` — with the csv module, through the project's own cell, paragraph, fingerprint
and date helpers (imported, never re-declared), without touching the database.
"""

import collections
import csv
import re

import pytest
import yaml

from archive.models import Event, Paragraph, fingerprint
from archive.resources import EventResource
from archive.services.annotation_rows import COLUMNS
from archive.services.demo import DEMO_DIR
from core.spreadsheets import restore
from people.models import Alias, Organization, OrganizationAlias
from people.resources import OrganizationResource, PersonResource, RoleResource
from textkit.paragraphs import split_paragraphs


def paragraphs_of(path):
    return split_paragraphs(path.read_text(encoding="utf-8"))


DEMO = DEMO_DIR
RECORDS = DEMO / "records"

PARAGRAPH_KINDS = set(Paragraph.Kind.values)
ORG_KINDS = set(Organization.Kind.values)
ALIAS_KINDS = set(Alias.Kind.values)
ORG_ALIAS_KINDS = set(OrganizationAlias.Kind.values)
EVENT_CATEGORIES = set(Event.Category.values)
HEADERS = {
    "organizations.csv": OrganizationResource.Meta.fields,
    "people.csv": PersonResource.Meta.fields,
    "roles.csv": RoleResource.Meta.fields,
    "events.csv": EventResource.Meta.fields,
    "annotations.csv": COLUMNS,
}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Paragraph kinds that are never evidence; captions are allowed only when the note says so
# (a caption that carries a fact found nowhere in the body).
NOT_EVIDENCE = {"heading", "metadata", "boilerplate", "duplicate"}


def read_csv(name):
    """Return the rows of a records file as dicts, cells restored as the importer reads them."""
    with open(RECORDS / name, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, strict=True)
        headers = next(reader)
        assert headers == HEADERS[name], name
        return [dict(zip(headers, map(restore, cells))) for cells in reader if any(cells)]


def split_list(value):
    return [item.strip() for item in value.split("|") if item.strip()]


def alias_names(value):
    """Return [(kind, name)] of an aliases cell: ``kind:name`` or ``kind:name@from@to``, `` | ``-joined."""
    out = []
    for item in value.split(" | ") if value.strip() else []:
        kind, sep, rest = item.strip().partition(":")
        assert sep, f"alias {item!r} has no kind"
        out.append((kind, rest.split("@")[0]))
    return out


def role_key(row):
    return "|".join([row["person"], row["title"], row["organization"], row["start_edtf"]])


def event_key(row):
    return f"{row['title']}|{row['date_edtf']}"


@pytest.fixture(scope="module")
def data():
    with open(DEMO / "articles.yaml", encoding="utf-8") as fh:
        articles = yaml.safe_load(fh)
    paragraphs, kinds = {}, {}
    for article in articles:
        paras = paragraphs_of(DEMO / article["file"])
        paragraphs[article["slug"]] = paras
        declared = {int(k): v for k, v in (article.get("kinds") or {}).items()}
        kinds[article["slug"]] = {n: declared.get(n, "body") for n in range(1, len(paras) + 1)}
    records = {name.removesuffix(".csv"): read_csv(name) for name in HEADERS}
    return {"articles": articles, "paragraphs": paragraphs, "kinds": kinds, **records}


def annotations_of(data, kind):
    return [row for row in data["annotations"] if row["target_kind"] == kind]


# --- parsing and structure ---------------------------------------------------------------


@pytest.mark.parametrize("name", list(HEADERS))
def test_records_have_the_export_header_and_rows(name):
    assert read_csv(name)


def test_records_are_what_export_archive_writes():
    """UTF-8 with BOM and CRLF line ends, as the export writes them, so a re-export diffs cleanly."""
    for name in HEADERS:
        raw = (RECORDS / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert raw.endswith(b"\r\n"), name


def test_articles(data):
    slugs = [a["slug"] for a in data["articles"]]
    assert len(slugs) == len(set(slugs))
    for article in data["articles"]:
        assert SLUG_RE.match(article["slug"]), article["slug"]
        assert (DEMO / article["file"]).is_file()
        assert article["title"]
        assert article.get("script") in {"simplified", "traditional", "other"}
        for key in ("outlet", "author", "url"):
            assert isinstance(article.get(key, ""), str)
        for pos, kind in (article.get("kinds") or {}).items():
            assert kind in PARAGRAPH_KINDS, (article["slug"], pos, kind)
            assert 1 <= int(pos) <= len(data["paragraphs"][article["slug"]]), (article["slug"], pos)
        if article.get("reprint_of"):
            assert article["reprint_of"] in slugs and article["reprint_of"] != article["slug"]


def test_source_paragraph_counts(data):
    counts = {a["file"]: len(data["paragraphs"][a["slug"]]) for a in data["articles"]}
    assert counts == {"sources/000_fbf63399b12ced61.txt": 133, "sources/001_5e1bf93a7904f7fc.txt": 46}


def test_record_counts(data):
    counts = {name: len(data[name]) for name in ("organizations", "people", "roles", "events", "annotations")}
    assert counts == {"organizations": 36, "people": 24, "roles": 42, "events": 51, "annotations": 259}


def test_slugs_unique_and_well_formed(data):
    for key in ("organizations", "people", "events"):
        slugs = [item["slug"] for item in data[key]]
        duplicates = [s for s, n in collections.Counter(slugs).items() if n > 1]
        assert not duplicates, (key, duplicates)
        for slug in slugs:
            assert SLUG_RE.match(slug), (key, slug)


def test_organizations(data):
    slugs = {o["slug"] for o in data["organizations"]}
    parents = {}
    for org in data["organizations"]:
        assert org["name"], org
        assert org["kind"] in ORG_KINDS, org["slug"]
        assert all(kind in ORG_ALIAS_KINDS for kind, _ in alias_names(org["aliases"])), org["slug"]
        assert org["description"], org["slug"]
        if org["parent"]:
            assert org["parent"] in slugs, (org["slug"], org["parent"])
            parents[org["slug"]] = org["parent"]
    for slug in parents:  # no cycles
        seen, cur = set(), slug
        while cur in parents:
            assert cur not in seen, f"parent cycle at {slug}"
            seen.add(cur)
            cur = parents[cur]


def test_people(data):
    for person in data["people"]:
        assert person["name"] and person["description"], person["slug"]
        for kind, name in alias_names(person["aliases"]):
            assert name and kind in ALIAS_KINDS, (person["slug"], kind, name)


def person_names(data):
    names = {}
    for person in data["people"]:
        for name in [person["name"]] + [name for _, name in alias_names(person["aliases"])]:
            assert name not in names, (name, names.get(name), person["slug"])
            names[name] = person["slug"]
    return names


def test_names_and_aliases_do_not_clash(data):
    assert len(person_names(data)) == len(data["people"]) + sum(
        len(alias_names(p["aliases"])) for p in data["people"]
    )


def test_organization_names_and_aliases_do_not_clash(data):
    seen = {}
    for org in data["organizations"]:
        for name in [org["name"]] + [name for _, name in alias_names(org["aliases"])]:
            assert name not in seen or seen[name] == org["slug"], (name, seen.get(name), org["slug"])
            seen[name] = org["slug"]


# --- references --------------------------------------------------------------------------


def test_every_referenced_slug_exists(data):
    people = {p["slug"] for p in data["people"]}
    orgs = {o["slug"] for o in data["organizations"]}
    articles = {a["slug"] for a in data["articles"]}
    roles = {role_key(r) for r in data["roles"]}
    events = {event_key(e) for e in data["events"]}
    for role in data["roles"]:
        assert role["person"] in people, role
        assert role["organization"] in orgs, role
    for event in data["events"]:
        for slug in split_list(event["participants"]):
            assert slug in people, (event["title"], slug)
        for slug in split_list(event["organizations"]):
            assert slug in orgs, (event["title"], slug)
    targets = {"person": people, "organization": orgs, "role": roles, "event": events}
    for row in data["annotations"]:
        assert row["article"] in articles, row
        assert row["target"] in targets[row["target_kind"]], row


# --- evidence ----------------------------------------------------------------------------


def test_every_quote_stands_verbatim_at_its_offsets(data):
    for row in data["annotations"]:
        paras = data["paragraphs"][row["article"]]
        n = int(row["paragraph"])
        assert 1 <= n <= len(paras), row
        text = paras[n - 1]
        start, end = int(row["start"]), int(row["end"])
        assert row["quote"] and 0 <= start < end, row
        assert text[start:end] == row["quote"], row
        assert row["fingerprint"] == fingerprint(text), row
        assert text[:start].endswith(row["prefix"]) and text[end:].startswith(row["suffix"]), row


def test_annotations_are_published_and_unique(data):
    keys = collections.Counter(
        (r["article"], r["paragraph"], r["start"], r["end"], r["target_kind"], r["target"])
        for r in data["annotations"]
    )
    assert not [key for key, n in keys.items() if n > 1]
    assert {row["status"] for row in data["annotations"]} == {"published"}


def test_citations_point_at_evidence_paragraphs(data):
    notes = {key: r["notes"] for r in data["roles"] for key in [role_key(r)]}
    notes.update({event_key(e): e["description"] for e in data["events"]})
    for row in annotations_of(data, "role") + annotations_of(data, "event"):
        kind = data["kinds"][row["article"]][int(row["paragraph"])]
        assert kind not in NOT_EVIDENCE, (row["target"], row["paragraph"], kind)
        if kind == "caption":
            assert "caption" in notes[row["target"]], (
                f"{row['target']} cites caption ¶{row['paragraph']} without saying why"
            )


def test_every_role_and_event_has_a_citation(data):
    cited = {(r["target_kind"], r["target"]) for r in data["annotations"] if r["status"] == "published"}
    for role in data["roles"]:
        assert ("role", role_key(role)) in cited, role
    for event in data["events"]:
        assert ("event", event_key(event)) in cited, event["title"]
        assert event["category"] in EVENT_CATEGORIES, event["title"]


def test_every_person_has_a_published_annotation(data):
    """Mentioned by name, or the holder of a cited role."""
    roles = {role_key(r): r["person"] for r in data["roles"]}
    covered = {r["target"] for r in annotations_of(data, "person") if r["status"] == "published"}
    covered |= {roles[r["target"]] for r in annotations_of(data, "role") if r["status"] == "published"}
    assert not {p["slug"] for p in data["people"]} - covered


def test_mentions(data):
    names = person_names(data)
    for row in annotations_of(data, "person"):
        assert data["kinds"][row["article"]][int(row["paragraph"])] == "body", row
        assert names.get(row["quote"]) == row["target"], row


def test_mentions_are_complete_for_the_original(data):
    """Every name or alias standing in a body paragraph of the original has a person annotation."""
    original = next(a["slug"] for a in data["articles"] if not a.get("reprint_of"))
    names = person_names(data)
    rows = {
        (int(r["paragraph"]), int(r["start"]), r["quote"], r["target"])
        for r in annotations_of(data, "person")
        if r["article"] == original
    }
    for n, text in enumerate(data["paragraphs"][original], 1):
        if data["kinds"][original][n] != "body":
            continue
        for name, slug in names.items():
            at = text.find(name)
            while at >= 0:
                assert (n, at, name, slug) in rows, (n, name, at)
                at = text.find(name, at + len(name))


# --- fuzzy dates -------------------------------------------------------------------------
