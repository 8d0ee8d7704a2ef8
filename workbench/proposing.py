"""Reads of the curation assistant: the archive's lexicon, an article's proposals, what is left.

The text engine (textkit.proposals) knows no database: here the archive's names, titles and the
editors' decisions (LexiconEntry) become a Lexicon, and each proposal is matched against the
annotations already made so that the panel shows only what is still waiting.
"""

import hashlib
import json
import logging
from collections import OrderedDict

from archive.models import Annotation
from people.models import Alias, Organization, OrganizationAlias, Person, Role
from textkit.proposals import Lexicon, Proposals, propose

from .models import LexiconEntry

log = logging.getLogger(__name__)
KINDS = ("people", "organizations", "roles", "events")
SINGULAR = {"people": "person", "organizations": "organization", "roles": "role", "events": "event"}
NAME_REJECTIONS = ("", "person", "organization")
CACHED = 16
_recent = OrderedDict()  # (article, text and lexicon digest) -> Proposals; a reload costs nothing


def archive_lexicon():
    """Return a Lexicon of every person, organisation, role title and editor decision."""
    people = {name: [] for name in Person.objects.values_list("name", flat=True)}
    for person, alias in Alias.objects.values_list("person__name", "name"):
        people.setdefault(person, []).append(alias)
    orgs = {name: [] for name in Organization.objects.values_list("name", flat=True)}
    for org, alias in OrganizationAlias.objects.values_list("organization__name", "name"):
        orgs.setdefault(org, []).append(alias)
    lexicon = Lexicon.from_data({"people": people, "organizations": orgs})
    lexicon.titles |= set(Role.objects.values_list("title", flat=True).distinct())
    for kind, text, target in LexiconEntry.objects.values_list("kind", "text", "target"):
        if kind == LexiconEntry.Kind.TITLE:
            lexicon.titles.add(text)
        elif kind == LexiconEntry.Kind.PERSON_ALIAS and target:
            lexicon.add_person(target, [text])
        elif kind == LexiconEntry.Kind.ORG_ALIAS and target:
            lexicon.add_organization(target, [text])
        elif kind == LexiconEntry.Kind.REJECTED and target in NAME_REJECTIONS:
            lexicon.reject(text)
    return lexicon


def paragraph_rows(article):
    """Return (position, text, kind) for every paragraph of article, in order."""
    return list(article.paragraphs.values_list("position", "text", "kind"))


def article_proposals(article, lexicon=None):
    """Return the engine's Proposals for article; a failing engine gives none and a notice."""
    rows, lexicon = paragraph_rows(article), lexicon or archive_lexicon()
    key = _digest(article, rows, lexicon)
    if key in _recent:
        _recent.move_to_end(key)
        return _recent[key]
    try:
        found = propose(rows, published=article.published_edtf or None, lexicon=lexicon)
    except Exception as exc:  # noqa: BLE001 - proposals are a help; saving by hand must go on
        log.exception("proposals failed for article %s", article.pk)
        return Proposals(notices=[f"proposals_failed: {type(exc).__name__}: {exc}"[:300]], backend="none")
    _recent[key] = found
    while len(_recent) > CACHED:
        _recent.popitem(last=False)
    return found


def _digest(article, rows, lexicon):
    data = json.dumps(
        [article.published_edtf, rows, lexicon.to_data()], ensure_ascii=False, sort_keys=True, default=sorted
    )
    return article.pk, hashlib.sha256(data.encode()).hexdigest()


def claim_key(kind, claim):
    """Return the string a rejected role or event is remembered by (a name for people and orgs)."""
    if kind == "role":
        return "|".join(str(claim.get(k) or "") for k in ("person", "title", "organization"))
    if kind == "event":
        return f"{claim.get('title', '')}|{claim.get('date') or ''}"
    return claim.get("name", "")


def review_items(article, proposals):
    """Return the proposals still waiting, each with an id, its kind and its evidence placed.

    An evidence span already annotated with a target of the same kind is done; a proposal with
    no span left, or rejected before, is not shown.
    """
    data = proposals.to_json(article.slug)
    paragraphs = {p.position: p for p in article.paragraphs.only("pk", "position", "version")}
    done = set(
        Annotation.objects.filter(paragraph__article=article).values_list(
            "paragraph__position", "start", "end", *(f"{k}_id" for k in SINGULAR.values())
        )
    )
    taken = {(pos, s, e, kind) for pos, s, e, *ids in done for kind, i in zip(SINGULAR.values(), ids) if i}
    rejected = set(LexiconEntry.objects.filter(kind=LexiconEntry.Kind.REJECTED).values_list("target", "text"))
    items = []
    for plural in KINDS:
        kind = SINGULAR[plural]
        for n, claim in enumerate(data[plural]):
            if (kind, claim_key(kind, claim)) in rejected:
                continue
            evidence = [_placed(e, paragraphs) for e in claim["evidence"] if e["paragraph"] in paragraphs]
            waiting = [e for e in evidence if (e["paragraph"], e["start"], e["end"], kind) not in taken]
            if waiting:
                items.append({"id": f"{kind}-{n}", "kind": kind, "claim": claim, "evidence": waiting})
    return items


def _placed(evidence, paragraphs):
    paragraph = paragraphs[evidence["paragraph"]]
    return {**evidence, "paragraph_id": paragraph.pk, "version": paragraph.version}


def grouped(items):
    """Return the items grouped by person (their mention, roles and events), then the rest."""
    groups, by_person = [], {}
    for item in items:
        claim = item["claim"]
        person = {
            "person": claim.get("name"),
            "role": claim.get("person"),
            "event": (claim.get("participants") or [None])[0],
        }.get(item["kind"])
        if person is None:
            key = "organizations" if item["kind"] == "organization" else "events"
            group = by_person.setdefault(f"~{key}", {"key": key, "label": None, "items": []})
        else:
            group = by_person.setdefault(person, {"key": "person", "label": person, "items": []})
        group["items"].append(item)
    order = {"person": 0, "role": 1, "event": 2, "organization": 3}
    for group in by_person.values():
        group["items"].sort(key=lambda i: order[i["kind"]])
        groups.append(group)
    groups.sort(key=lambda g: (g["key"] != "person", -len(g["items"])))
    return groups
