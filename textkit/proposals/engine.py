"""propose(): the pipeline from an article's paragraphs to proposals."""

from collections import Counter

from textkit.dates import resolve_paragraphs
from textkit.proposals.events import find_events
from textkit.proposals.lexicon import Lexicon
from textkit.proposals.model import DateProposal, Proposals
from textkit.proposals.ner import tagger
from textkit.proposals.orgs import entity_tokens, find_organizations
from textkit.proposals.people import find_people
from textkit.proposals.roles import find_roles
from textkit.proposals.sentences import Context, article_sentences, walk
from textkit.proposals.titles import title_regex

__all__ = ["PROPOSING_KINDS", "propose"]

PROPOSING_KINDS = ("body", "heading")


def _fields(paragraph):
    """Return (position, text, kind) from an object, a dict or a tuple."""
    if isinstance(paragraph, dict):
        return paragraph["position"], paragraph["text"], paragraph.get("kind", "body")
    if isinstance(paragraph, (tuple, list)):
        position, text, *rest = paragraph
        return position, text, rest[0] if rest else "body"
    return paragraph.position, paragraph.text, getattr(paragraph, "kind", "body")


def propose(paragraphs, *, published=None, lexicon=None, backend="LAC"):
    """Return the Proposals for an article; only body and heading paragraphs propose anything.

    paragraphs: objects, dicts or tuples with position (1-based), text and kind;
    published: the article's EDTF publication date, or None; lexicon: a Lexicon (or None);
    backend: "LAC", "jieba" or "none" — the best one that loads is used.
    """
    lexicon = lexicon or Lexicon()
    rows = [_fields(p) for p in paragraphs]
    used = [(pos, text) for pos, text, kind in rows if kind in PROPOSING_KINDS and text]
    ner = tagger(backend)
    result = Proposals(notices=list(ner.notices), backend=ner.name)
    if not used:
        return result
    tokens = ner.tag([text for _, text in used], keep=entity_tokens)
    result.people, people_at = find_people(used, tokens, lexicon, ner.name)
    names = {p.name for p in result.people} | {a for p in result.people for a in p.aliases}
    result.organizations, orgs_at = find_organizations(used, tokens, lexicon, names)
    dates = _dates(used, published)
    result.dates = [_date_proposal(pos, d) for pos, found in dates.items() for d in found]
    main = _main_org(result.organizations)
    context = Context(main_org=main, published=published, title_re=title_regex(lexicon.titles))
    sentences = []  # one pass over the sentences: roles read them as the walk goes, events after
    walked = walk(article_sentences(used, people_at, orgs_at, dates), context)
    result.roles = find_roles((sentences.append(s) or s for s in walked), context)
    result.events = find_events(sentences)
    return result


def _dates(used, published):
    """Resolve the date phrases of each proposing paragraph, chaining the year through them."""
    try:
        resolved = resolve_paragraphs([text for _, text in used], published)
    except ValueError:
        resolved = resolve_paragraphs([text for _, text in used], None)
    return {pos: found for (pos, _), found in zip(used, resolved)}


def _date_proposal(position, phrase):
    return DateProposal(
        position,
        phrase.text,
        phrase.edtf,
        phrase.explain("zh"),
        phrase.explain("en"),
        phrase.start,
        phrase.end,
    )


def _main_org(orgs):
    """Return the organisation named in the most paragraphs: the company the article is about."""
    counts = Counter({o.name: len({e.paragraph for e in o.evidence}) for o in orgs})
    if not counts:
        return None
    name, count = counts.most_common(1)[0]
    return name if count >= 2 else None
