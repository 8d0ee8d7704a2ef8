"""Consistency checks on the curated demo archive (archive/demo/*.yaml, mentions.csv).

Pure Python: reads the YAML and CSV files with PyYAML and the csv module, no Django.
Runs under the normal suite (pytest-django loaded) or on its own, without Django settings:
``python -m pytest -q -p no:django --noconftest tests/archive/test_demo_data.py``.
"""
import collections
import csv
import datetime
import re
from pathlib import Path

import pytest
import yaml
from edtf import parse_edtf, struct_time_to_date

DEMO = Path(__file__).resolve().parents[2] / "archive" / "demo"

PARAGRAPH_KINDS = {"body", "heading", "caption", "metadata", "boilerplate", "duplicate"}
ORG_KINDS = {"company", "unit", "other"}
ALIAS_KINDS = {"nickname", "english", "former", "other"}
EVENT_CATEGORIES = {
    "founding", "launch", "funding", "listing", "crisis", "reorganisation",
    "appointment", "campaign", "meeting", "other",
}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Paragraph kinds that are never evidence; captions are allowed only when the note says so
# (a caption that carries a fact found nowhere in the body).
NOT_EVIDENCE = {"heading", "metadata", "boilerplate", "duplicate"}


def load(name):
    with open(DEMO / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def paragraphs_of(path):
    text = path.read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip()]


@pytest.fixture(scope="module")
def data():
    articles = load("articles.yaml")
    paragraphs, kinds = {}, {}
    for article in articles:
        paras = paragraphs_of(DEMO / article["file"])
        paragraphs[article["slug"]] = paras
        declared = {int(k): v for k, v in (article.get("kinds") or {}).items()}
        kinds[article["slug"]] = {n: declared.get(n, "body") for n in range(1, len(paras) + 1)}
    with open(DEMO / "mentions.csv", encoding="utf-8", newline="") as fh:
        mentions = list(csv.DictReader(fh))
    return {
        "articles": articles,
        "organizations": load("organizations.yaml"),
        "people": load("people.yaml"),
        "roles": load("roles.yaml"),
        "events": load("events.yaml"),
        "mentions": mentions,
        "paragraphs": paragraphs,
        "kinds": kinds,
    }


def nth_find(haystack, needle, occurrence):
    """Start of the occurrence-th non-overlapping occurrence of needle, or -1."""
    start = -1
    pos = 0
    for _ in range(occurrence):
        start = haystack.find(needle, pos)
        if start < 0:
            return -1
        pos = start + len(needle)
    return start


def all_citations(data):
    for role in data["roles"]:
        for cit in role.get("citations") or []:
            yield f"role {role['person']}/{role['title']}", role.get("note") or "", cit
    for event in data["events"]:
        for cit in event.get("citations") or []:
            yield f"event {event['title']}", event.get("note") or "", cit


def fuzzy_dates(data):
    for article in data["articles"]:
        yield f"article {article['slug']} published", article.get("published")
    for role in data["roles"]:
        yield f"role {role['person']}/{role['title']} start", role.get("start")
        yield f"role {role['person']}/{role['title']} end", role.get("end")
    for event in data["events"]:
        yield f"event {event['title']} date", event.get("date")
        yield f"event {event['title']} end", event.get("end")


def edtf_bounds(value):
    parsed = parse_edtf(value)
    lower = struct_time_to_date(parsed.lower_strict())
    upper = struct_time_to_date(parsed.upper_strict())
    assert isinstance(lower, datetime.date) and isinstance(upper, datetime.date), value
    assert lower <= upper, value
    return lower, upper


def edtf_precisions(value):
    """Precisions ('day', 'month', 'year', 'season') of each date in an EDTF value."""
    out = []
    for part in re.split(r"/|\.\.|,", value.strip("[]{}")):
        core = part.strip().strip("?~%")
        if not core:
            continue
        pieces = core.lstrip("-").split("-")
        if len(pieces) >= 3:
            out.append("day")
        elif len(pieces) == 2:
            out.append("season" if int(pieces[1]) > 12 else "month")
        else:
            out.append("year")
    return out


DAY_WORDS = re.compile(r"[日号]|\d{4}-\d{2}-\d{2}")
MONTH_WORDS = re.compile(r"月|年初|年底|年末|半年|季度|\d{4}-\d{2}")


# --- parsing and structure ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["articles.yaml", "organizations.yaml", "people.yaml", "roles.yaml", "events.yaml"])
def test_yaml_parses_to_a_list_of_mappings(name):
    content = load(name)
    assert isinstance(content, list) and content
    assert all(isinstance(item, dict) for item in content)


def test_mentions_csv_header():
    with open(DEMO / "mentions.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == ["article", "paragraph", "quote", "occurrence", "person"]


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


def test_slugs_unique_and_well_formed(data):
    for key in ("organizations", "people"):
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
        assert isinstance(org.get("aliases") or [], list)
        assert org.get("description"), org["slug"]
        if org.get("parent"):
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
        assert person["name"] and person.get("description"), person["slug"]
        for alias in person.get("aliases") or []:
            assert alias["name"] and alias["kind"] in ALIAS_KINDS, (person["slug"], alias)


def test_names_and_aliases_do_not_clash(data):
    seen = {}
    for person in data["people"]:
        for name in [person["name"]] + [a["name"] for a in person.get("aliases") or []]:
            assert name not in seen, (name, seen.get(name), person["slug"])
            seen[name] = person["slug"]


def test_organization_names_and_aliases_do_not_clash(data):
    seen = {}
    for org in data["organizations"]:
        for name in [org["name"]] + list(org.get("aliases") or []):
            assert name not in seen or seen[name] == org["slug"], (name, seen.get(name), org["slug"])
            seen[name] = org["slug"]


# --- references --------------------------------------------------------------------------

def test_every_referenced_slug_exists(data):
    people = {p["slug"] for p in data["people"]}
    orgs = {o["slug"] for o in data["organizations"]}
    articles = {a["slug"] for a in data["articles"]}
    for role in data["roles"]:
        assert role["person"] in people, role
        assert role["organization"] in orgs, role
    for event in data["events"]:
        for slug in event.get("participants") or []:
            assert slug in people, (event["title"], slug)
        for slug in event.get("organizations") or []:
            assert slug in orgs, (event["title"], slug)
    for _, _, cit in all_citations(data):
        assert cit["article"] in articles, cit
    for row in data["mentions"]:
        assert row["article"] in articles and row["person"] in people, row


# --- evidence ----------------------------------------------------------------------------

def test_every_quote_stands_verbatim_at_its_occurrence(data):
    for owner, note, cit in all_citations(data):
        paras = data["paragraphs"][cit["article"]]
        n = int(cit["paragraph"])
        assert 1 <= n <= len(paras), (owner, cit)
        occurrence = int(cit.get("occurrence") or 1)
        assert cit["quote"], (owner, cit)
        assert nth_find(paras[n - 1], cit["quote"], occurrence) >= 0, (owner, cit)


def test_citations_point_at_evidence_paragraphs(data):
    for owner, note, cit in all_citations(data):
        kind = data["kinds"][cit["article"]][int(cit["paragraph"])]
        assert kind not in NOT_EVIDENCE, (owner, cit, kind)
        if kind == "caption":
            assert "caption" in note, f"{owner} cites caption ¶{cit['paragraph']} without saying why"


def test_every_role_and_event_has_a_citation(data):
    for role in data["roles"]:
        assert role.get("citations"), role
    for event in data["events"]:
        assert event.get("citations"), event["title"]
        assert event["category"] in EVENT_CATEGORIES, event["title"]


def test_every_person_is_cited_or_mentioned(data):
    covered = {r["person"] for r in data["mentions"]}
    covered |= {r["person"] for r in data["roles"]}
    for event in data["events"]:
        covered |= set(event.get("participants") or [])
    missing = {p["slug"] for p in data["people"]} - covered
    assert not missing


def test_mentions(data):
    names = {}
    for person in data["people"]:
        names[person["name"]] = person["slug"]
        for alias in person.get("aliases") or []:
            names[alias["name"]] = person["slug"]
    seen = set()
    for row in data["mentions"]:
        key = (row["article"], row["paragraph"], row["quote"], row["occurrence"])
        assert key not in seen, row
        seen.add(key)
        paras = data["paragraphs"][row["article"]]
        n = int(row["paragraph"])
        assert data["kinds"][row["article"]][n] == "body", row
        assert nth_find(paras[n - 1], row["quote"], int(row["occurrence"])) >= 0, row
        assert names.get(row["quote"]) == row["person"], row


def test_mentions_are_complete_for_the_original(data):
    """Every name or alias standing in a body paragraph of the original has a row."""
    original = next(a["slug"] for a in data["articles"] if not a.get("reprint_of"))
    names = {}
    for person in data["people"]:
        names[person["name"]] = person["slug"]
        for alias in person.get("aliases") or []:
            names[alias["name"]] = person["slug"]
    rows = {(int(r["paragraph"]), r["quote"], int(r["occurrence"])) for r in data["mentions"] if r["article"] == original}
    for n, text in enumerate(data["paragraphs"][original], 1):
        if data["kinds"][original][n] != "body":
            continue
        for name in names:
            count = text.count(name)
            for occ in range(1, count + 1):
                assert (n, name, occ) in rows, (n, name, occ)


# --- fuzzy dates -------------------------------------------------------------------------

def test_fuzzy_dates_parse_and_are_not_too_precise(data):
    for owner, value in fuzzy_dates(data):
        if value is None:
            continue
        assert set(value) <= {"text", "edtf", "resolution"}, owner
        text, edtf = value.get("text"), value.get("edtf")
        assert text and edtf, owner
        assert len(text) <= 120, owner
        edtf_bounds(edtf)
        for precision in edtf_precisions(edtf):
            if precision == "day":
                assert DAY_WORDS.search(text), f"{owner}: {edtf} is more precise than {text!r}"
            elif precision in {"month", "season"}:
                assert MONTH_WORDS.search(text), f"{owner}: {edtf} is more precise than {text!r}"


def test_roles(data):
    keys = set()
    for role in data["roles"]:
        key = (role["person"], role["title"], role["organization"], (role.get("start") or {}).get("edtf", ""))
        assert key not in keys, key  # the database's natural key
        keys.add(key)
        assert isinstance(role.get("current"), bool), key
        if role.get("sequence") is not None:
            assert isinstance(role["sequence"], int) and role["sequence"] >= 1, key
        if role.get("start") and role.get("end"):
            start_lower, _ = edtf_bounds(role["start"]["edtf"])
            _, end_upper = edtf_bounds(role["end"]["edtf"])
            assert start_lower <= end_upper, key
    by_person = collections.defaultdict(list)
    for role in data["roles"]:
        if role.get("sequence") is not None:
            by_person[role["person"]].append(role["sequence"])
    for person, seqs in by_person.items():
        assert len(seqs) == len(set(seqs)), (person, seqs)


def test_event_natural_keys_unique(data):
    keys = [(e["title"], e["date"]["edtf"]) for e in data["events"]]
    assert len(keys) == len(set(keys))
