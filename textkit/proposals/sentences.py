"""Sentences of body paragraphs with their people, organisations and dates located in them."""

import re
from dataclasses import dataclass, field

from textkit.fold import sentences as split_sentences
from textkit.proposals.language import TITLE_RE

__all__ = ["Context", "Sentence", "article_sentences"]

_PRONOUNS = ("他", "她")
# A name right after these is an object (加入王兴团队, 追随马云), not the clause's subject.
_OBJECT_BEFORE = (
    "加入",
    "追随",
    "跟随",
    "跟着",
    "与",
    "和",
    "同",
    "向",
    "对",
    "给",
    "被",
    "让",
    "把",
    "带领",
    "找到",
    "找来",
    "邀请",
    "说服",
    "拜访",
    "见到",
    "认识",
    "替",
    "帮",
    "请",
)
_MODIFIER_AFTER = ("团队", "的", "等人", "公司", "家", "们", "手下", "旗下")
_CURRENT = ("现任", "目前担任", "目前任", "如今担任", "现为", "继续担任")


@dataclass
class Context:
    """What the article as a whole says: its main organisation, date, and who was last named."""

    main_org: str | None = None
    published: str | None = None
    last_person: tuple | None = None
    previous_dates: list = field(default_factory=list)
    title_re: object = TITLE_RE

    def says_current(self, text, at):
        """Return True when the verb at `at` is introduced as current (现任, 目前担任)."""
        return any(text[max(0, at - 4) : at + 4].find(cue) >= 0 for cue in _CURRENT)


@dataclass
class Sentence:
    """One sentence: offsets are relative to the sentence; offset places it in its paragraph."""

    position: int
    offset: int
    text: str
    people: list
    orgs: list
    dates: list  # (start, end, edtf, text)
    first_person_before: tuple | None = None

    def date_near(self, at, context):
        """Return (edtf, text) of the date nearest before `at`, else in the sentence, else before it."""
        resolved = [d for d in self.dates if d[2]]
        before = [d for d in resolved if d[1] <= at]
        chosen = (before[-1] if before else None) or (resolved[0] if resolved else None)
        if chosen is None and context.previous_dates:
            chosen = context.previous_dates[-1]
        if chosen is None:
            return None
        return _role_date(chosen[2]), chosen[3]

    def subject_before(self, at, context):
        """Return the person a verb at `at` is about: the last subject named before it, or the last one."""
        before = [p for p in self.people if p[1] <= at and self.is_subject(p)]
        if before:
            return before[-1]
        return context.last_person

    def is_subject(self, person):
        """Return False for a name in object or modifier position (加入王兴团队, 与马云)."""
        before, after = self.text[: person[0]].rstrip(), self.text[person[1] :]
        return not before.endswith(_OBJECT_BEFORE) and not after.startswith(_MODIFIER_AFTER)

    def leading_subject(self, context):
        """Return the sentence's topic person: named first, or carried over when none is named."""
        if self.people and self.people[0][0] <= 2:
            return self.people[0]
        if not self.people or self.text.startswith(_PRONOUNS):
            return context.last_person
        return None

    def org_between(self, start, end):
        """Return the first organisation named within [start, end), or None."""
        return next((n for s, e, n in self.orgs if start <= s < end), None)

    def nearest_org(self, at, context):
        """Return the organisation named last before `at` in the sentence, else None."""
        before = [n for s, e, n in self.orgs if e <= at]
        return before[-1] if before else None

    def clause_people_before(self, at):
        """Return the people named in the clause that ends at `at` (A、B和C创办…)."""
        stops = [self.text.rfind(ch, 0, at) for ch in "，,；;。"]
        clause_start = max(stops) + 1
        return [p for p in self.people if clause_start <= p[0] and p[1] <= at]


def _role_date(edtf):
    """Return the start of a span for a role's date: 2018/.. → 2018, 2023-10-01/2024-03 → 2023-10-01."""
    return edtf.split("/")[0] if "/" in edtf else edtf


def _within(items, start, end):
    return [(s - start, e - start) + tuple(rest) for s, e, *rest in items if start <= s and e <= end]


def article_sentences(paragraphs, people, orgs, dates):
    """Yield (paragraph position, [Sentence]) with mentions located in each sentence."""
    for position, text in paragraphs:
        found, at = [], 0
        for piece in split_sentences(text):
            start = text.find(piece, at)
            if start < 0:
                continue
            end = start + len(piece)
            at = end
            found.append(
                Sentence(
                    position,
                    start,
                    piece,
                    _within(sorted(people.get(position, ())), start, end),
                    _within(sorted(orgs.get(position, ())), start, end),
                    _within([(d.start, d.end, d.edtf, d.text) for d in dates.get(position, ())], start, end),
                )
            )
        yield position, found


# "继2009年…卸任…之后，": a clause of what came before the statement, and its dates with it.
PRIOR_CLAUSE = re.compile(r"^\s*继.+(?:之后|以后|后)\s*$")
CLAUSE_STOPS = "，,；;：:"


def in_prior_clause(text, date, until=None):
    """Return True when date (start, end, ...) stands in a "继…之后" clause of text."""
    lo = max(text.rfind(ch, 0, date[0]) for ch in CLAUSE_STOPS) + 1
    ends = [i for i in (text.find(ch, date[1]) for ch in CLAUSE_STOPS) if i >= 0]
    hi = min(ends + [len(text) if until is None else until])
    return bool(PRIOR_CLAUSE.match(text[lo:hi]))


def walk(paragraph_sentences, context):
    """Yield each sentence while keeping context's last person and previous dates up to date."""
    for _, found in paragraph_sentences:
        context.previous_dates = []
        for sentence in found:
            yield sentence
            subjects = [p for p in sentence.people if sentence.is_subject(p)]
            if subjects:
                context.last_person = subjects[-1]
            resolved = [d for d in sentence.dates if d[2] and not in_prior_clause(sentence.text, d)]
            context.previous_dates = resolved
