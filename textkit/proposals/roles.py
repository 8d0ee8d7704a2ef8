"""Roles: person × title × organisation × span, from the sentence patterns of business writing.

Shapes read: apposition ("阿里巴巴副总裁汪海", "时任集团 CCO 的李娅云", "A、B两位副总裁"), a cue
verb before a title ("孟晚舟将继续担任华为副董事长、CFO", "卸任今日头条首席执行官"), a title after
the name ("汪海，阿里巴巴副总裁"), "以 X 身份加入 Y", succession ("由 B 接任", "B 接替了他的岗位"),
founding ("王兴创办校园网") and "卸任…法定代表人，包括 A、B 和 C".
"""

import re

from textkit.proposals.language import END_VERBS, ORG_SUFFIXES, START_VERBS
from textkit.proposals.role_build import VERB_RE, build_role, chain_roles, org_before, role_date
from textkit.proposals.role_more import appointed, founded, included, joined_as, predecessors, succession
from textkit.proposals.sentences import Sentence
from textkit.proposals.titles import chains, find_titles

__all__ = ["find_roles"]

_APPOSITION_GAP = re.compile(
    r"^[\s的“”\"」]*(?:[（(][^）)]{0,12}[）)])?[\s的“”\"」]*$"
    r"|^[\s的]*[及和兼][\u4e00-\u9fff]{1,5}$"
)
_COUNT_GAP = re.compile(r"^[\s]*(?:等)?[一二三四五六七八九十两\d]*[位名个]?[\s的]*$")
_AFTER_NAME = re.compile(r"^\s*(?:[，,]\s*(?:现为|现任|时任|系|是|为)?|现为|系|是|乃)\s*$")
_STOP = "，,；;：:"
_MOVED = re.compile(
    r"(?:(?:调来|调任|新任|上任|履新|加盟|加入|升任|出任|接任|空降)(?:了)?的"
    r"|(?:担任|出任|升任|接任|就任|调任|兼任)(?:了)?)\s*$"  # "担任网易邮箱总经理的王五"
)


def find_roles(sentences, context):
    """Return the role proposals of an article's sentences (see textkit.proposals.sentences)."""
    roles = {}
    for sentence in sentences:
        for role in _sentence_roles(sentence, context):
            _merge(roles, role)
    return list(roles.values())


def _merge(roles, role):
    key = role.key()
    if key not in roles:
        roles[key] = role
        return
    kept = roles[key]
    kept.evidence.extend(e for e in role.evidence if e not in kept.evidence)
    for attr in ("start", "start_text", "end", "end_text"):
        if getattr(kept, attr) is None and getattr(role, attr) is not None:
            setattr(kept, attr, getattr(role, attr))
    kept.current = kept.current or role.current
    kept.confidence = min(0.95, max(kept.confidence, role.confidence) + 0.05)


def _sentence_roles(sentence: Sentence, context):
    titles = find_titles(sentence, context.title_re, VERB_RE, context.main_org)
    out = []
    for chain in chains(titles, sentence.text, sentence.orgs):
        if not chain:
            continue
        out.extend(
            appointed(sentence, chain, context)
            or _apposition(sentence, chain, context)
            or joined_as(sentence, chain, context)
            or _cued(sentence, chain, context)
            or _after_name(sentence, chain, context)
            or ()
        )
    out.extend(succession(sentence, out, context))
    out.extend(predecessors(sentence, out, context))
    out.extend(founded(sentence, context))
    out.extend(included(sentence, titles, context))
    return out


def _apposition(sentence, chain, context):
    """Read "ORG TITLE PERSON" (and "A、B两位副总裁"): the person right after or before the chain."""
    text = sentence.text
    end = chain[-1].end
    person = next(((s, e, n) for s, e, n in sentence.people if s >= end), None)
    if person is None or not _APPOSITION_GAP.match(text[end : person[0]]):
        return _listed_before(sentence, chain, context)
    before = text[: chain[0].start].rstrip()
    org = org_before(sentence.orgs, chain[0].start, text)
    if org:
        before = text[: max(s for s, e, n in sentence.orgs if n == org and e <= chain[0].start)].rstrip()
    former = before.endswith(("原", "前")) or any(t.former for t in chain)
    current = before.endswith("现任")
    # "今年以来……调来的阿里巴巴副总裁汪海": a post newly taken, dated like its verb.
    moved = _MOVED.search(before)
    start = role_date(sentence, moved.start(), context) if moved and not former else None
    verb = VERB_RE.match(text[person[1] :].lstrip())
    end_date = role_date(sentence, person[1], context) if verb and verb.group() in END_VERBS else None
    reason = "apposition" + (" (former)" if former else "")
    return chain_roles(
        sentence,
        person,
        chain,
        context,
        reason,
        current=current,
        start=start,
        end=end_date,
        former=former,
        span=(min(chain[0].start, person[0]), person[1]),
    )


def _listed_before(sentence, chain, context):
    """Read "A、B和C三位副总裁": people listed right before the title share it."""
    text = sentence.text
    listed = []
    at = chain[0].start
    for person in reversed(sentence.people):
        gap = text[person[1] : at]
        if person[1] > at or not (
            _COUNT_GAP.match(gap) if not listed else re.fullmatch(r"\s*[、和及与]\s*", gap)
        ):
            break
        listed.insert(0, person)
        at = person[0]
    if len(listed) < 2:
        return None
    return [
        build_role(
            sentence,
            person,
            title,
            context,
            "people listed before a title",
            chain=chain,
            span=(listed[0][0], chain[-1].end),
        )
        for person in listed
        for title in chain
    ]


def _cued(sentence, chain, context):
    """Read "PERSON 出任/担任/卸任 ORG TITLE" and 历任 lists."""
    text = sentence.text
    verb = _last_verb(text, chain[0].start, sentence)
    if verb is None:
        return None
    subject = sentence.subject_before(verb.start(), context)
    if subject is None:
        return None
    word = verb.group()
    explicit = (
        org_before(sentence.orgs, chain[0].start, text)
        or sentence.org_between(verb.end(), chain[0].start)
        or _unit_just_founded(sentence, verb.start())
    )
    date = role_date(sentence, verb.start(), context)
    is_end = word in END_VERBS
    current = word == "现任" or (word in START_VERBS and context.says_current(text, verb.start()))
    once = text[: verb.start()].endswith("曾")  # 曾任: a former post, not dated by the sentence
    dated = not is_end and not once and word not in ("历任", "时任", "现任")
    return chain_roles(
        sentence,
        subject,
        chain,
        context,
        f"{word} pattern",
        org=explicit,
        current=current,
        start=date if dated else None,
        end=date if is_end else None,
        span=(verb.start(), chain[-1].end),
    )


_SET_UP = re.compile(
    r"(?:成立|设立|组建|新设)了?\s*(?P<unit>[\u4e00-\u9fffA-Za-z0-9]{1,12}?(?:"
    + "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True))
    + r"))\s*$"
)


def _unit_just_founded(sentence, at):
    """Return the unit set up in the clause before `at`: "联想成立微机事业部，杨元庆出任总经理"."""
    clause_start = max(sentence.text.rfind(ch, 0, at) for ch in _STOP)
    if clause_start < 0:
        return None
    match = _SET_UP.search(sentence.text, 0, clause_start)
    return match.group("unit") if match else None


def _last_verb(text, start, sentence):
    """Return the cue verb of the clause that ends at start, if any."""
    clause_start = max(text.rfind(ch, 0, start) for ch in _STOP) + 1
    verbs = list(VERB_RE.finditer(text, clause_start, start))
    for verb in reversed(verbs):
        between = text[verb.end() : start]
        if not any(verb.end() <= s < start for s, _, _ in sentence.people) and len(between) <= 16:
            return verb
    return None


def _after_name(sentence, chain, context):
    """Read "汪海，阿里巴巴副总裁" and a bio's "张一鸣，…，字节跳动原首席执行官、创始人"."""
    text = sentence.text
    start = chain[0].start
    org = org_before(sentence.orgs, start, text)
    lead = text[:start]
    if org:
        lead = text[: max(s for s, e, n in sentence.orgs if n == org and e <= start)]
    person = next((p for p in reversed(sentence.people) if p[1] <= len(lead)), None)
    if person is not None and _AFTER_NAME.match(lead[person[1] :]):
        return chain_roles(
            sentence,
            person,
            chain,
            context,
            "title after the name",
            org=org,
            span=(person[0], chain[-1].end),
        )
    subject = sentence.leading_subject(context)
    if subject is None or any(subject[1] < s < start for s, _, _ in sentence.people):
        return None
    if not (org or any(t.org for t in chain)):
        return None
    return chain_roles(
        sentence,
        subject,
        chain,
        context,
        "subject's titles (listing)",
        org=org,
        confidence=0.5,
        span=(chain[0].start, chain[-1].end),
    )
