"""Events: dated clauses with an event predicate (成立, 上线, 发布, 上市, 融资, 收购…)."""

import re

from textkit.proposals.language import EVENT_PATTERN
from textkit.proposals.model import EventProposal, Evidence
from textkit.proposals.role_more import named_company

__all__ = ["find_events"]

_CLAUSE = re.compile(r"[^，,；;。！？!?]+")
_LEAD = re.compile(
    r"^[\s,，、:：]*(?:从|并|于|在|又|也|则|就|便|还|正式|终于|宣布|随后|同时|此后|后来|先期|"
    r"开始|已经|已|将|曾)*"
)
_MAX_TITLE = 24
_TOPIC_LEAD = re.compile(r"^(?:比如|例如|譬如|像|如|而|其中|至于|就连|包括)")
_TOPIC = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]+")
_TOPIC_GRAMMAR = set("我你他她它们这那是在有了着过把被让给对向从以于也都又还就很最更再曾已即并而且但则")
_TIME_AFTER = re.compile(r"\s*(?:之初|之时|之际|以来|之后|以后|之前|以前|初期|期间|前后|后|时|前|起)")
_ADVERBS = re.compile(
    r"(?:随之|随即|随后|又|也|还|再|便|就|正式|终于|先后|相继|率先|首次|一举|开始|宣布|已经?|将|曾|被)*"
)
_FOUNDING = ("创业", "创办", "创立", "成立", "创建")
# Predicates that are part of a role (成立 of 创始人) or of noise, not a happening, when alone.
_WEAK = {"投资", "独立", "整合", "转型", "开设", "落地"}


def find_events(sentences):
    """Return event proposals, one per dated clause with a predicate, merged by title and date."""
    found = {}
    for sentence in sentences:
        for event in _sentence_events(sentence):
            key = (event.title, event.date)
            if key in found:
                found[key].evidence.extend(event.evidence)
            else:
                found[key] = event
    return list(found.values())


def _sentence_events(sentence):
    text = sentence.text
    dates = [d for d in sentence.dates if d[2]]
    for clause in _CLAUSE.finditer(text):
        for start, end in _segments(clause, dates):
            predicate = _predicate(text, start, end)
            if predicate is None:
                continue
            at = predicate.start()
            date = _clause_date(dates, clause.start(), clause.end(), at)
            if date is not None and date[0] < clause.start() and _owned(text, date, clause.start()):
                continue  # "比亚迪创立于1995年，…上市": the earlier clause's date is its own event's
            if date is None:
                continue
            yield _event(sentence, (start, end), predicate, date)


def _owned(text, date, before):
    """Return True when the clause holding date also states an event of its own."""
    clause = next((c for c in _CLAUSE.finditer(text, 0, before) if c.start() <= date[0] < c.end()), None)
    if clause is None:
        return False
    predicate = _predicate(text, clause.start(), clause.end())
    # "1999年成立之初，…获得投资": a predicate followed by 之初/以来/后 only tells the time.
    return predicate is not None and not _TIME_AFTER.match(text, predicate.end())


def _predicate(text, start, end):
    """Return the first event predicate of text[start:end] that is not a weak one alone."""
    for match in EVENT_PATTERN.finditer(text, start, end):
        if match.group() not in _WEAK:
            return match
    return None


def _segments(clause, dates):
    """Cut a clause at each date after its first: "从1998年创业到2014年上市" tells two events."""
    cuts = [d[0] for d in dates if clause.start() < d[0] < clause.end()]
    inside = [d for d in dates if clause.start() <= d[0] < clause.end()]
    if len(inside) < 2:
        return [clause.span()]
    bounds = [clause.start()] + [c for c in cuts if c > inside[0][0]] + [clause.end()]
    return list(zip(bounds, bounds[1:]))


def _clause_date(dates, start, end, at):
    """Return the clause's date nearest before the predicate, else the clause's, else the sentence's."""
    inside = [d for d in dates if start <= d[0] < end]
    nearest = [d for d in inside if d[1] <= at]
    if nearest:
        return nearest[-1]
    if inside:
        return inside[0]
    before = [d for d in dates if d[1] <= at]
    return before[-1] if before else None


def _event(sentence, span, predicate, date):
    """Build the event: title is the clause (or its dated part) without its date, trimmed short."""
    start, end = span
    words = sentence.text[start:end]
    if start <= date[0] < end:
        # "于1995年创办", "创立于1995年": the preposition goes with the date.
        head, tail = words[: date[0] - start], words[date[1] - start :]
        if not _TIME_AFTER.match(tail):
            head = re.sub(r"(?:在|于)\s*$", "", head)
        if not tail.strip(" ，,"):
            head = re.sub(r"(?:于|在)\s*$", "", head)
        words = head + tail
    title = re.sub(r"[到至]$", "", _LEAD.sub("", words).strip(" 的了"))
    title = re.sub(r"\s+", "", title)[:_MAX_TITLE]
    own = _names(sentence.people, start, end)
    # "…，同年MIUI首个内测版发布": a clause with a subject of its own is not the person's.
    participants = own or (_subject(sentence, start) if _starts_with_predicate(title, predicate) else [])
    if participants and not own and not title.startswith(participants[0]):
        title = (participants[0] + title)[:_MAX_TITLE]
    organizations = _names(sentence.orgs, start, end)
    named = named_company(sentence) if predicate.group() in _FOUNDING else None
    if named and named[0] >= end:
        # "开启第五次创业之旅，公司取名为字节跳动": the founding is the named company's.
        title = f"{named[2]}{'创立' if predicate.group() == '创业' else predicate.group()}"
        organizations = [named[2]] + [o for o in organizations if o != named[2]]
        end = named[1]
    if not participants and not organizations:
        # "比如阿里云,2008年开始启动": the clause's topic was named in the clause before.
        organizations = _topic_org(sentence, start)
        if organizations and not title.startswith(organizations[0]):
            title = (organizations[0] + title)[:_MAX_TITLE]
    lo, hi = min(start, date[0]), max(end, date[1])
    evidence = Evidence(sentence.position, sentence.text[lo:hi], sentence.offset + lo, sentence.offset + hi)
    confidence = 0.7 if participants or organizations else 0.55
    return EventProposal(
        title,
        date[2],
        date[3],
        participants,
        organizations,
        confidence,
        [evidence],
        f"{predicate.group()} with a date",
    )


def _names(items, start, end):
    names = []
    for s, _e, name in items:
        if start <= s < end and name not in names:
            names.append(name)
    return names


def _topic_org(sentence, start):
    """Return [what the clause right before start names]: an organisation, or a short topic
    phrase such as "比如华为云，" / "网易的有道词典，"; else []."""
    before = sentence.text[:start].rstrip("，, ")
    if len(before) == start:
        return []
    org = [n for s, e, n in sentence.orgs if e == len(before)][-1:]
    if org:
        return org
    clause = re.split(r"[，,；;。：:]", before)[-1].split("的")[-1]
    if any(d[1] > len(before) - len(clause) and d[0] < len(before) for d in sentence.dates):
        return []  # "一年后，微信用户突破1亿": the clause before is a date, not a topic
    topic = _TOPIC_LEAD.sub("", clause.strip())
    if 2 <= len(topic) <= 8 and _TOPIC.fullmatch(topic) and not _TOPIC_GRAMMAR & set(topic):
        return [topic]
    return []


def _starts_with_predicate(title, predicate):
    """Return True when only adverbs come before the predicate in the title (no subject)."""
    at = title.find(predicate.group())
    return at >= 0 and bool(_ADVERBS.fullmatch(title[:at]))


def _subject(sentence, start):
    """Return the sentence's subject when the clause has no name of its own."""
    before = [p[2] for p in sentence.people if p[1] <= start]
    return before[:1]
