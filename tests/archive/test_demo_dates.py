"""The demo archive's dates, roles and events: honest precision, resolvable keys."""

import collections
import re

from tests.archive.test_demo_data import data, event_key, role_key  # noqa: F401 (fixture)
from textkit.fuzzydate import edtf_bounds

DAY_WORDS = re.compile(r"[日号]|\d{4}-\d{2}-\d{2}")
MONTH_WORDS = re.compile(r"月|年初|年底|年末|半年|季度|\d{4}-\d{2}")


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
