"""Shared pieces of the role patterns: the cue-verb regex, organisations, dates, the proposal."""

import re

from textkit.proposals.language import END_VERBS, JOIN_VERBS, START_VERBS
from textkit.proposals.model import Evidence, RoleProposal
from textkit.proposals.sentences import in_prior_clause

__all__ = ["VERB_RE", "build_role", "org_before", "role_date"]

_VERBS = sorted(START_VERBS + END_VERBS + JOIN_VERBS + ("历任", "时任"), key=len, reverse=True)
# 任 alone is a verb only between a name (or a date) and a post: not 任何, 主任, 责任.
VERB_RE = re.compile(
    "|".join(
        v if v != "任" else r"(?<![主责信担出继兼现时升调接就历委聘离卸辞放])任(?![何务性命期职意])"
        for v in _VERBS
    )
)
_ORG_GAP = re.compile(r"[）)]?[\s的原前时任“”\"]*(?:[（(][^）)]{0,12}[）)])?[\s的原前“”\"]*")
_CLAUSE_STOPS = "，,；;：:"
_OTHER_TIME = re.compile(r"^\s*(?:此前|之前|早前|先前|目前|如今|现在|眼下|后来|此后|之后|多年来|一直)")
# "洪晃此前担任…": the same words between the subject and the verb.
_OTHER_TIME_TAIL = re.compile(
    r"(?:此前|之前|早前|先前|目前|如今|现在|眼下|后来|多年来|一直)(?:曾经?|也|又|已经?)?\s*$"
)
_GENERIC = ("公司", "本公司", "该公司", "集团", "本集团", "该集团")
_UNIT_SUFFIXES = ("部", "事业部", "事业群", "业务群", "中心", "部门", "地区部", "大区")


def org_before(orgs, start, text):
    """Return the org written just before start (allowing 的, 原, a space, a gloss), or None."""
    for s, e, name in reversed(orgs):
        if e <= start:
            if not _ORG_GAP.fullmatch(text[e:start]):
                return None
            outer = (
                org_before([o for o in orgs if o[1] < s], s - 1, text)
                if s and text[s - 1 : s] in "(（"
                else None
            )
            return outer or name
    return None


def role_date(sentence, at, context):
    """Return (edtf, text) for a verb at `at`: its clause's date, else the sentence's, else the previous one."""
    resolved = [d for d in sentence.dates if d[2]]
    text = sentence.text
    lo = max(text.rfind(ch, 0, at) for ch in _CLAUSE_STOPS) + 1
    hi = min([i for i in (text.find(ch, at) for ch in _CLAUSE_STOPS) if i >= 0] + [len(text)])
    clause = [d for d in resolved if lo <= d[0] < hi]
    previous = re.split("[" + _CLAUSE_STOPS + "]", text[: max(lo - 1, 0)])[-1] if lo else ""
    own_time = _OTHER_TIME.match(text[lo:at]) or _OTHER_TIME_TAIL.search(text[lo:at])
    if not clause and (own_time or _OTHER_TIME.fullmatch(previous.strip())):
        # "1988年大学毕业……此前，周云杰任副主席": the clause says its own, unstated time.
        return None
    before = [d for d in resolved if d[1] <= at]
    if not clause and before:
        # "1988年大学毕业后在海尔……，梁海山任副主席": a date another happening owns is not the
        # post's; a bare date earlier in the sentence ("3月17日，…") still is.
        eligible = [d for d in before if not _other_event(text, d, lo)]
        if not eligible:
            return None
        before = eligible
    # A date in a later clause dates the post only when that clause states nothing of its own
    # ("…担任副总经理，2019年起任董事会主席": 2019 is the chair's, not the deputy's).
    later = [d for d in resolved if d[0] >= hi and not _own_statement(text, d)]
    chosen = (clause or before[-1:] or later[:1] or context.previous_dates[-1:] or [None])[0]
    if chosen is None:
        return None
    edtf = chosen[2].split("/")[0] if "/" in chosen[2] else chosen[2]
    return edtf, chosen[3]


def _own_statement(text, date):
    """Return True when the clause holding date has a verb of post or happening of its own."""
    from textkit.proposals.language import EVENT_PATTERN

    lo = max(text.rfind(ch, 0, date[0]) for ch in _CLAUSE_STOPS) + 1
    hi = min([i for i in (text.find(ch, date[1]) for ch in _CLAUSE_STOPS) if i >= 0] + [len(text)])
    return bool(VERB_RE.search(text, lo, hi) or EVENT_PATTERN.search(text, lo, hi))


def _other_event(text, date, clause_start):
    """Return True when the clause holding date (before clause_start) states another happening."""
    from textkit.proposals.language import EVENT_PATTERN

    lo = max(text.rfind(ch, 0, date[0]) for ch in _CLAUSE_STOPS) + 1
    hi = min([i for i in (text.find(ch, date[1]) for ch in _CLAUSE_STOPS) if i >= 0] + [clause_start])
    if in_prior_clause(text, date, until=clause_start):
        return True  # "继2009年…不再担任…之后，": the date of what came before
    found = EVENT_PATTERN.search(text, lo, hi)
    return bool(found) and not VERB_RE.search(text, lo, hi)


def _resolve_org(sentence, title, chain, explicit, context):
    """Return (organisation, assumed?) for one title of a chain."""
    if title.org:
        return title.org, False
    near = org_before(sentence.orgs, title.start, sentence.text)
    if near:
        return near, False
    if explicit and not title.head:
        return explicit, False
    if explicit and title.head and explicit.endswith(_UNIT_SUFFIXES) and context.main_org:
        # "历任中国市场部总裁、销售与服务总裁": a function-headed title is not the unit's.
        return context.main_org, False
    if chain and chain[0] is not title and not title.head:
        first = org_before(sentence.orgs, chain[0].start, sentence.text)
        if first:
            return first, False
    return explicit or context.main_org, not explicit


def build_role(
    sentence,
    person,
    title,
    context,
    reason,
    *,
    chain=(),
    org=None,
    current=False,
    start=None,
    end=None,
    former=False,
    confidence=0.7,
    span=None,
):
    """Build one RoleProposal with its evidence span over the sentence."""
    lo, hi = span or (person[0], person[1])
    offset = sentence.offset
    evidence = Evidence(sentence.position, sentence.text[lo:hi], offset + lo, offset + hi)
    if isinstance(title, str):
        name, assumed = org or context.main_org, org is None
    else:
        (name, assumed), title = _resolve_org(sentence, title, list(chain), org, context), title.text
    if name in _GENERIC:
        # "公司联合创始人": the company is the article's own.
        name, assumed = context.main_org, True
    if assumed:
        confidence -= 0.15
        reason += ", organisation assumed from the article"
    start_edtf, start_text = start or (None, None)
    end_edtf, end_text = end or (None, None)
    if former:
        reason += ", former"
    return RoleProposal(
        person[2],
        title,
        name,
        start_edtf,
        end_edtf,
        start_text,
        end_text,
        current,
        confidence,
        [evidence],
        reason + ", title lexicon",
    )


def chain_roles(sentence, person, chain, context, reason, **kwargs):
    """Build one RoleProposal per title of a chain ("副总裁兼CTO"), all from the same statement."""
    return [build_role(sentence, person, title, context, reason, chain=chain, **kwargs) for title in chain]
