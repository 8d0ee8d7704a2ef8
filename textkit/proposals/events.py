"""Events: dated clauses with an event predicate (成立, 上线, 发布, 上市, 融资, 收购…)."""

import re

from textkit.proposals.language import EVENT_PATTERN
from textkit.proposals.model import EventProposal, Evidence

__all__ = ["find_events"]

_CLAUSE = re.compile(r"[^，,；;。！？!?]+")
_LEAD = re.compile(
    r"^[\s,，、:：]*(?:并|于|在|又|也|则|就|便|还|正式|终于|宣布|随后|同时|此后|后来|先期|"
    r"开始|已经|已|将|曾)*"
)
_MAX_TITLE = 24
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
        predicate = EVENT_PATTERN.search(clause.group())
        if not predicate or predicate.group() in _WEAK:
            continue
        at = clause.start() + predicate.start()
        date = _clause_date(dates, clause.start(), clause.end(), at)
        if date is None:
            continue
        yield _event(sentence, clause, predicate, date)


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


def _event(sentence, clause, predicate, date):
    """Build the event: title is the clause without its date, trimmed to a short phrase."""
    start, end = clause.span()
    words = clause.group()
    if start <= date[0] < end:
        words = words[: date[0] - start] + words[date[1] - start :]
    title = _LEAD.sub("", words).strip(" 的了")
    title = re.sub(r"\s+", "", title)[:_MAX_TITLE]
    participants = _names(sentence.people, start, end) or _subject(sentence, start)
    if participants and not _names(sentence.people, start, end) and not title.startswith(participants[0]):
        title = (participants[0] + title)[:_MAX_TITLE]
    organizations = _names(sentence.orgs, start, end)
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


def _subject(sentence, start):
    """Return the sentence's subject when the clause has no name of its own."""
    before = [p[2] for p in sentence.people if p[1] <= start]
    return before[:1]
