"""Consistency checks on the curated demo archive (archive/demo/articles.yaml, records/*.csv).

Pure Python: reads articles.yaml with PyYAML and the records — the CSV files in the format of
``export_archive`` — with the csv module, no Django. Runs under the normal suite (pytest-django
loaded) or on its own, without Django settings:
``python -m pytest -q -p no:django --noconftest tests/archive/test_demo_data.py``.
"""

import collections
import csv
import datetime
import hashlib
import re
from pathlib import Path

import pytest
import yaml
from edtf import parse_edtf, struct_time_to_date

DEMO = Path(__file__).resolve().parents[2] / "archive" / "demo"
RECORDS = DEMO / "records"

PARAGRAPH_KINDS = {"body", "heading", "caption", "metadata", "boilerplate", "duplicate"}
ORG_KINDS = {"company", "unit", "product", "other"}
ALIAS_KINDS = {"nickname", "english", "former", "romanization", "other"}
ORG_ALIAS_KINDS = {"short", "english", "former", "other"}
EVENT_CATEGORIES = {
    "founding",
    "launch",
    "funding",
    "listing",
    "crisis",
    "reorganisation",
    "appointment",
    "campaign",
    "meeting",
    "other",
}
HEADERS = {
    "organizations.csv": ["slug", "name", "kind", "parent", "description", "aliases"],
    "people.csv": ["slug", "name", "description", "aliases"],
    "roles.csv": [
        "person",
        "title",
        "organization",
        "start_edtf",
        "place",
        "start_text",
        "end_text",
        "end_edtf",
        "sequence",
        "current",
        "notes",
    ],
    "events.csv": [
        "slug",
        "title",
        "date_edtf",
        "category",
        "date_text",
        "end_text",
        "end_edtf",
        "description",
        "participants",
        "organizations",
    ],
    "annotations.csv": [
        "article",
        "paragraph",
        "fingerprint",
        "quote",
        "prefix",
        "suffix",
        "start",
        "end",
        "target_kind",
        "target",
        "note",
        "comment",
        "status",
        "editor",
    ],
}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Paragraph kinds that are never evidence; captions are allowed only when the note says so
# (a caption that carries a fact found nowhere in the body).
NOT_EVIDENCE = {"heading", "metadata", "boilerplate", "duplicate"}
# The export writes a cell a spreadsheet would run as a formula with a leading "'".
DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\0")


def restore(value):
    if value.startswith("'") and value.lstrip("'")[:1] in DANGEROUS_FIRST:
        return value[1:]
    return value


def read_csv(name):
    """Return the rows of a records file as dicts, cells restored as the importer reads them."""
    with open(RECORDS / name, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, strict=True)
        headers = next(reader)
        assert headers == HEADERS[name], name
        return [dict(zip(headers, map(restore, cells))) for cells in reader if any(cells)]


def fingerprint(text):
    """archive.models.fingerprint, reimplemented: first 12 hex of the SHA-1 of the UTF-8 text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


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


# textkit.paragraphs, reimplemented: a paragraph is a non-empty line trimmed of these.
PAD = " \t\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"


def paragraphs_of(path):
    lines = re.split(r"\r\n|\r|\n|\u2028|\u2029", path.read_text(encoding="utf-8"))
    return [line.strip(PAD) for line in lines if line.strip(PAD)]


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


def fuzzy_dates(data):
    for article in data["articles"]:
        published = article.get("published") or {}
        yield f"article {article['slug']} published", published.get("text"), published.get("edtf")
    for role in data["roles"]:
        yield f"role {role_key(role)} start", role["start_text"], role["start_edtf"]
        yield f"role {role_key(role)} end", role["end_text"], role["end_edtf"]
    for event in data["events"]:
        yield f"event {event['title']} date", event["date_text"], event["date_edtf"]
        yield f"event {event['title']} end", event["end_text"], event["end_edtf"]


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


def test_fuzzy_dates_parse_and_are_not_too_precise(data):
    for owner, text, edtf in fuzzy_dates(data):
        if not text and not edtf:
            continue
        assert text and edtf, owner
        assert len(text) <= 120, owner
        edtf_bounds(edtf)
        for precision in edtf_precisions(edtf):
            if precision == "day":
                assert DAY_WORDS.search(text), f"{owner}: {edtf} is more precise than {text!r}"
            elif precision in {"month", "season"}:
                assert MONTH_WORDS.search(text), f"{owner}: {edtf} is more precise than {text!r}"


def test_roles(data):
    keys = collections.Counter(role_key(role) for role in data["roles"])
    assert not [key for key, n in keys.items() if n > 1]  # the database's natural key
    by_person = collections.defaultdict(list)
    for role in data["roles"]:
        assert role["current"] in {"0", "1"}, role_key(role)
        if role["sequence"]:
            assert int(role["sequence"]) >= 1, role_key(role)
            by_person[role["person"]].append(int(role["sequence"]))
        if role["start_edtf"] and role["end_edtf"]:
            start_lower, _ = edtf_bounds(role["start_edtf"])
            _, end_upper = edtf_bounds(role["end_edtf"])
            assert start_lower <= end_upper, role_key(role)
    for person, seqs in by_person.items():
        assert len(seqs) == len(set(seqs)), (person, seqs)


def test_event_natural_keys_unique(data):
    keys = [event_key(e) for e in data["events"]]
    assert len(keys) == len(set(keys))
