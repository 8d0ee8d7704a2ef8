"""Recognise Chinese date phrases and normalise them to EDTF.

Each phrase found carries its EDTF value (or None when it cannot be dated
honestly) and a short English explanation of how it was resolved:

    >>> [p.resolution for p in find_date_phrases("2003年4月16日成立。次年,支付宝出现。")]
    ['2003年4月16日 = 16 Apr 2003: as stated', '次年 = 2004: the year after 2003, the last year mentioned']

Relative phrases resolve against the article's publication date (今年, 去年,
明年) or the last year the narrative mentioned (次年, 同年, 当年, N年后, and
a month or day given without a year). Vague phrases get no value rather than
a guessed one: 早年 and 此后 are returned unresolved; 近年 becomes the three
years before the article's year, approximately (``2014~/2017`` for 2017).
A duration after an event (入职1年零5个月后) needs ``anchor=``, the EDTF date
of that event. Conventions for 年初, 年底, quarters and halves are listed in
textkit.dates_rules.
"""

import re
from dataclasses import dataclass

from textkit.dates_context import Context as _Context
from textkit.dates_context import Resolved as _Resolved
from textkit.dates_format import edtf_bounds, edtf_precision, humanize
from textkit.dates_i18n import explain_zh
from textkit.dates_resolvers import RESOLVERS as _RESOLVERS
from textkit.dates_resolvers import with_note as _with_note
from textkit.dates_rules import (
    FULLWIDTH,
    INTERVAL_SEPARATOR,
    SCANNER,
)

__all__ = [
    "DatePhrase",
    "find_date_phrases",
    "parse_phrase",
    "resolve_paragraphs",
    "edtf_bounds",
    "edtf_precision",
    "humanize",
]

# Kinds that name a point in time and so may form "A到B" intervals.
_MERGEABLE = {"absolute", "relative", "month_day", "year_part", "quarter"}


@dataclass(frozen=True)
class DatePhrase:
    """A date phrase found in a text, with its EDTF value and how it was resolved."""

    start: int
    end: int
    text: str
    edtf: str | None
    resolution: str
    relative: bool
    how: str = ""

    def explain(self, lang="zh"):
        """Return how the phrase was resolved, in Chinese ('zh') or English ('en')."""
        if lang == "en":
            return self.resolution
        if lang != "zh":
            raise ValueError(f"unsupported language {lang!r}; use 'zh' or 'en'")
        return explain_zh(self.text, self.edtf, self.how)

    @property
    def resolved(self):
        """Return True when the phrase has an EDTF value."""
        return self.edtf is not None


def find_date_phrases(text, *, base_year=None, article_date=None, anchor=None):
    """Return every date phrase in text, in order, resolved to EDTF where possible.

    base_year is the last year mentioned before text (for 次年, 同年, 4月1日);
    article_date (date, year or EDTF string) is the publication date (for 今年);
    anchor (date or EDTF) is the event a duration such as 入职1年零5个月后 counts from.
    """
    return _scan(text, _Context(base_year, article_date, anchor))


def resolve_paragraphs(paragraphs, article_date, *, base_year=None):
    """Return the date phrases of each paragraph, carrying the last year across them."""
    context = _Context(base_year, article_date)
    return [_scan(paragraph, context) for paragraph in paragraphs]


def parse_phrase(phrase, *, base_year=None, article_date=None, anchor=None):
    """Return the DatePhrase when phrase is exactly one date phrase, else None."""
    found = find_date_phrases(phrase, base_year=base_year, article_date=article_date, anchor=anchor)
    stripped = phrase.strip()
    if len(found) == 1 and found[0].text == stripped:
        return found[0]
    return None


def _scan(text, context):
    """Find, resolve and join the phrases of one text, updating context."""
    normalised = text.translate(FULLWIDTH)
    found = []  # (DatePhrase, _Resolved) pairs
    context.paragraph += 1
    ends = [m.end() for m in _SENTENCE_END.finditer(normalised)]
    for match in SCANNER.finditer(normalised):
        context.sentence = sum(1 for e in ends if e <= match.start())
        context.clause = _clause_before(normalised, match.start())
        resolved = _resolve(match, context)
        if resolved is None:
            continue
        end = _open_span(normalised, match.end(), resolved)
        phrase = _phrase(text, match.start(), end, resolved)
        joined = _join_interval(found[-1] if found else None, phrase, resolved, text, normalised)
        if joined:
            found[-1] = joined
        else:
            found.append((phrase, resolved))
        if resolved.edtf and resolved.sets_year:
            context.remember(resolved.edtf, _clause_after(normalised, phrase.start))
    return [phrase for phrase, _ in found]


_SENTENCE_END = re.compile(r"[。！？!?；;]")
_CLAUSE_END = re.compile(r"[，,。！？!?；;]")


def _clause_after(text, start):
    """Return the clause that starts at a date: what the date is the date of."""
    stop = _CLAUSE_END.search(text, start)
    return text[start : stop.start() if stop else len(text)]


def _clause_before(text, at):
    """Return the clause text before position at."""
    stops = [m.end() for m in _CLAUSE_END.finditer(text, 0, at)]
    return text[stops[-1] if stops else 0 : at]


def _open_span(text, end, resolved):
    """Extend "2018年4月起" to an open interval 2018-04/..; return the phrase's end."""
    if (
        resolved.edtf
        and resolved.kind in ("absolute", "relative", "iso")
        and "/" not in resolved.edtf
        and text.startswith("起", end)
        and not text.startswith(("起来", "起步"), end)
    ):
        resolved.edtf = f"{resolved.edtf}/.."
        resolved.how = _with_note(resolved.how, "起 = from then on, open-ended")
        return end + 1
    return end


def _phrase(text, start, end, resolved):
    """Build the DatePhrase for a resolved match."""
    snippet = text[start:end]
    if resolved.edtf is None:
        resolution = f"{snippet} unresolved: {resolved.how}"
    else:
        resolution = f"{snippet} = {humanize(resolved.edtf, 'en')}: {resolved.how}"
    return DatePhrase(start, end, snippet, resolved.edtf, resolution, resolved.relative, resolved.how)


def _join_interval(previous, phrase, resolved, text, normalised):
    """Return the pair for "A到B" / "A~B" when previous and phrase form one, else None."""
    if previous is None or not (previous[0].edtf and phrase.edtf):
        return None
    first, first_resolved = previous
    if {first_resolved.kind, resolved.kind} - _MERGEABLE:
        return None
    if not INTERVAL_SEPARATOR.fullmatch(normalised, first.end, phrase.start):
        return None
    value = f"{first.edtf.split('/')[0]}/{phrase.edtf.split('/')[-1]}"
    try:
        edtf_bounds(value)
    except ValueError:
        return None  # e.g. a season as an endpoint, or B before A
    hows = {first_resolved.how, resolved.how}
    how = (
        "interval, as stated"
        if hows == {"as stated"}
        else f"interval from {first.edtf} ({first_resolved.how}) to {phrase.edtf} ({resolved.how})"
    )
    # "2017年8月30日至9月6日": the bare 9月6日 takes its year from A, not from context.
    relative = first.relative or resolved.kind == "relative"
    joined = _Resolved(value, how, relative, "interval")
    return _phrase(text, first.start, phrase.end, joined), joined


def _resolve(match, context):
    """Dispatch a scanner match to the resolver for its kind."""
    kind = match.lastgroup
    return _RESOLVERS[kind](match.groupdict(), context)
