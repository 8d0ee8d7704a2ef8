"""Score proposals against a hand-made gold file: recall and precision per kind.

Gold format (JSON; see README.md in this package):

    {"article": "slug", "published": "2021-09-22",
     "people": [{"name": "徐雷", "aliases": ["Xu Lei"]}],
     "organizations": [{"name": "京东集团", "aliases": ["京东"]}],
     "roles": [{"person": "徐雷", "title": "总裁", "organization": "京东集团", "start": "2021-09"}],
     "events": [{"keywords": ["美团", "上市"], "date": "2018-09-20"}],
     "dates": [{"paragraph": 5, "text": "2018年9月20日", "edtf": "2018-09-20"}]}

Matching is lenient where editors are (an alias counts as the name, a title contained in the
other counts, an organisation matches by alias or by its core name), strict where it matters
(the person, the date's EDTF value, the phrase's text and paragraph).
"""

import re

from textkit.proposals.orgs import core_name

__all__ = ["role_start_year_right", "score"]


def _names(entry):
    return {entry["name"], *entry.get("aliases", ())}


def _person_key(gold_people):
    """Return {any name or alias: preferred name} for the gold people."""
    return {n: p["name"] for p in gold_people for n in _names(p)}


def _org_match(proposed, gold, gold_orgs):
    if gold is None:
        return True
    if proposed is None:
        return False
    aliases = next((_names(o) for o in gold_orgs if gold in _names(o)), {gold})
    cores = {core_name(a) for a in aliases}
    return proposed in aliases or core_name(proposed) in cores


def _title_match(proposed, gold):
    clean = re.compile(r"\s+")
    proposed, gold = clean.sub("", proposed or ""), clean.sub("", gold or "")
    return bool(proposed and gold) and (gold in proposed or proposed in gold)


def _ratio(hit, total):
    return hit / total if total else None


def _people(proposals, gold):
    key = _person_key(gold.get("people", ()))
    found = set()
    right = 0
    for person in proposals.get("people", ()):
        names = {person["name"], *person.get("aliases", ())}
        hit = {key[n] for n in names if n in key}
        found |= hit
        right += bool(hit)
    return {
        "gold": len(gold.get("people", ())),
        "proposed": len(proposals.get("people", ())),
        "recall": _ratio(len(found), len(gold.get("people", ()))),
        "precision": _ratio(right, len(proposals.get("people", ()))),
    }


def _role_matches(proposed, gold_role, gold):
    key = _person_key(gold.get("people", ()))
    person = key.get(proposed["person"], proposed["person"])
    if person != key.get(gold_role["person"], gold_role["person"]):
        return False
    if _unit_in_title(proposed, gold_role):
        return True
    return _title_match(proposed["title"], gold_role["title"]) and _org_match(
        proposed.get("organization"), gold_role.get("organization"), gold.get("organizations", ())
    )


def _unit_in_title(proposed, gold_role):
    """Return True for a unit filed as the organisation that gold writes into the title.

    "中国市场部 / 总裁" states what "华为 / 中国市场部总裁" does, with the unit as the organisation.
    """
    unit = proposed.get("organization") or ""
    return (
        len(unit) >= 2
        and unit in (gold_role["title"] or "")
        and _title_match(unit + proposed["title"], gold_role["title"])
    )


def _roles(proposals, gold):
    golds, props = gold.get("roles", ()), proposals.get("roles", ())
    matched = [g for g in golds if any(_role_matches(p, g, gold) for p in props)]
    right = [p for p in props if any(_role_matches(p, g, gold) for g in golds)]
    years = role_start_year_right(props, gold)
    return {
        "gold": len(golds),
        "proposed": len(props),
        "recall": _ratio(len(matched), len(golds)),
        "precision": _ratio(len(right), len(props)),
        "start_year_right": years,
    }


def role_start_year_right(props, gold):
    """Return the share of matched roles with a gold start whose proposed start year is right."""
    checked = right = 0
    for g in gold.get("roles", ()):
        if not g.get("start"):
            continue
        match = next((p for p in props if _role_matches(p, g, gold)), None)
        if match is None:
            continue
        checked += 1
        right += (match.get("start") or "")[:4] == g["start"][:4]
    return _ratio(right, checked)


def _strip(edtf):
    return (edtf or "").replace("~", "").replace("?", "")


def _event_matches(proposed, gold_event):
    text = proposed["title"] + " " + " ".join(e["quote"] for e in proposed.get("evidence", ()))
    words = all(k in text for k in gold_event.get("keywords", ()))
    return words and _strip(proposed.get("date")) == _strip(gold_event.get("date"))


def _events(proposals, gold):
    golds, props = gold.get("events", ()), proposals.get("events", ())
    matched = [g for g in golds if any(_event_matches(p, g) for p in props)]
    right = [p for p in props if any(_event_matches(p, g) for g in golds)]
    return {
        "gold": len(golds),
        "proposed": len(props),
        "recall": _ratio(len(matched), len(golds)),
        "precision": _ratio(len(right), len(props)),
    }


def _dates(proposals, gold):
    golds = gold.get("dates", ())
    by_place = {}
    for d in proposals.get("dates", ()):
        by_place.setdefault((d["paragraph"], d["text"]), []).append(d["edtf"])
    exact = 0
    for g in golds:
        values = by_place.get((g["paragraph"], g["text"]), [])
        exact += g["edtf"] in values
    return {
        "gold": len(golds),
        "proposed": len(proposals.get("dates", ())),
        "exact": _ratio(exact, len(golds)),
    }


def score(proposals, gold):
    """Return {kind: {gold, proposed, recall, precision, …}} for proposals (to_json form) vs gold."""
    if hasattr(proposals, "to_json"):
        proposals = proposals.to_json(gold.get("article", ""))
    return {
        "people": _people(proposals, gold),
        "roles": _roles(proposals, gold),
        "events": _events(proposals, gold),
        "dates": _dates(proposals, gold),
    }
