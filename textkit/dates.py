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

import datetime
import re
from dataclasses import dataclass

from textkit.dates_format import edtf_bounds, edtf_precision, humanize
from textkit.dates_i18n import explain_zh
from textkit.dates_rules import (
    APPROXIMATE,
    FULLWIDTH,
    INTERVAL_SEPARATOR,
    MONTH_PARTS,
    RELATIVE_YEARS,
    SCANNER,
    YEAR_PARTS,
    cn_int,
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

_OFFSET_WORDS = {1: "the year after", -1: "the year before", 2: "two years after", -2: "two years before"}
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


@dataclass
class _Resolved:
    edtf: str | None
    how: str
    relative: bool
    kind: str
    sets_year: bool = True


class _Context:
    """The dates a phrase may lean on: the article's year and the narrative's last year."""

    def __init__(self, base_year=None, article_date=None, anchor=None):
        self.article_year = _article_year(article_date)
        self.last_year = int(base_year) if base_year is not None else None
        self.last_edtf = str(self.last_year) if self.last_year is not None else None
        if anchor is not None:
            anchor = anchor.isoformat() if isinstance(anchor, datetime.date) else anchor
            edtf_bounds(anchor)  # fail early on a bad anchor
        self.anchor = anchor
        # Where the last date was named: (paragraph number, sentence number); base_year is "here".
        self.paragraph, self.sentence = 0, 0
        self.last_at = (1, 0) if base_year is not None else None
        self.recent = []  # (paragraph, sentence, edtf, clause) of the dates named so far

    def remember(self, edtf, clause=""):
        """Make edtf the last date mentioned, for 次年, 同年 and bare months."""
        years = re.findall(r"\d{4}", edtf)
        if years:
            self.last_year, self.last_edtf = int(years[-1]), edtf
            self.last_at = (self.paragraph, self.sentence)
            self.recent = self.recent[-8:] + [(self.paragraph, self.sentence, edtf, clause)]

    def nearby(self):
        """Return True when the last date was named in this sentence or the one before."""
        return (
            self.last_at is not None
            and self.last_at[0] == self.paragraph
            and self.sentence - self.last_at[1] <= 1
        )

    def in_paragraph(self):
        """Return True when the last year was named in the current paragraph."""
        return self.last_at is not None and self.last_at[0] == self.paragraph

    def narrative_year(self):
        """Return (year, description) of the last year mentioned, or (None, None)."""
        if self.last_year is None:
            return None, None
        return self.last_year, f"{self.last_year}, the last year mentioned"

    def context_year(self):
        """Return (year, description) for a month or day given without a year."""
        if self.last_year is not None:
            return self.last_year, f"year from {self.last_year}, the last year mentioned"
        if self.article_year is not None:
            return self.article_year, f"year from the article's year {self.article_year}"
        return None, None


def _article_year(article_date):
    """Return the publication year from a date, a year or an EDTF string."""
    if article_date is None or isinstance(article_date, int):
        return article_date
    if isinstance(article_date, datetime.date):
        return article_date.year
    # An interval such as 2017-08-30/2017-09-06 counts from its start.
    return edtf_bounds(str(article_date))[0].year


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


def _compose(year, month=None, day=None, month_part=None, year_part=None):
    """Return (edtf, note) for a year with an optional month, day or part of year."""
    if month:
        month = cn_int(month)
        approx = "~" if month_part in APPROXIMATE else ""
        if not day:
            return f"{year:04d}-{month:02d}{approx}", MONTH_PARTS.get(month_part or "份", "")
        try:
            value = datetime.date(year, month, cn_int(day))
        except ValueError:
            return None, f"{year}-{month}-{day} is not a calendar date"
        return value.isoformat() + approx, MONTH_PARTS[month_part] if approx else ""
    if year_part:
        return _compose_year_part(year, year_part)
    return f"{year:04d}", ""


def _compose_year_part(year, part):
    """Return (edtf, note) for 年初, 上半年, 一季度, 春季 and the like."""
    quarter = re.search(r"([一二三四1-4])季度|Q([1-4])", part)
    if quarter:
        number = cn_int(quarter.group(1) or quarter.group(2))
        return f"{year:04d}-{32 + number}", f"{part} = quarter {number} (EDTF {32 + number})"
    template, note = YEAR_PARTS[part[0] if part[0] in "春夏秋冬" else part]
    return template.format(y=f"{year:04d}"), note


def _with_note(how, note):
    """Append a precision note to a resolution, if there is one."""
    return f"{how}; {note}" if note else how


def _absolute(groups, context):
    """Resolve 1999年, 2002年10月末, 2003年4月16日, 2002年初, 2009年一季度."""
    edtf, note = _compose(cn_int(groups["ay"]), groups["am"], groups["ad"], groups["amp"], groups["ayp"])
    return _Resolved(edtf, _with_note("as stated", note), False, "absolute")


def _relative(groups, context):
    """Resolve 今年, 去年, 次年, 同年, 当年 and 今年1月, 次年7月 and the like."""
    word = groups["rw"]
    offset, basis = RELATIVE_YEARS[word]
    if basis == "article":
        base, described = context.article_year, f"the article's year {context.article_year}"
        missing = "needs the article's date (article_date=)"
    else:
        base, described = context.narrative_year()
        missing = "needs a year mentioned earlier (base_year=)"
        if word == "当年" and base is not None and not context.in_paragraph():
            # 当年 is "back then" unless a year was just named: never guess which year.
            base, missing = None, "no year named earlier in this paragraph ('back then', not a year)"
    if base is None:
        return _Resolved(None, f"{word} {missing}", True, "relative")
    how = f"{_OFFSET_WORDS[offset]} {described}" if offset else described
    edtf, note = _compose(base + offset, groups["rm"], groups["rd"], groups["rmp"], groups["ryp"])
    return _Resolved(edtf, _with_note(how, note), True, "relative")


def _in_context_year(kind, compose_args, context):
    """Resolve a month, day or part of a year that takes its year from context."""
    year, described = context.context_year()
    if year is None:
        return _Resolved(None, "no year in context (pass base_year= or article_date=)", True, kind)
    edtf, note = _compose(year, *compose_args)
    return _Resolved(edtf, _with_note(described, note), True, kind)


def _month_day(groups, context):
    """Resolve 4月1日, 8月底, 9月6日 with the year from context."""
    return _in_context_year("month_day", (groups["bm"], groups["bd"], groups["bmp"]), context)


def _year_part(groups, context):
    """Resolve a bare 年初, 年底, 上半年 with the year from context."""
    part = groups["byp"] or groups["bhalf"]
    return _in_context_year("year_part", (None, None, None, part), context)


def _quarter(groups, context):
    """Resolve a bare 一季度 with the year from context."""
    return _in_context_year("quarter", (None, None, None, groups["quarter"]), context)


def _duration(groups, context):
    """Resolve 5年后 against the narrative, or 入职1年零5个月后 against an anchor."""
    years = cn_int(groups["dy"]) if groups["dy"] else 0
    months = groups["dm"] or groups["dm2"]
    if months is None and not groups["dverb"]:
        base, described = context.narrative_year()
        if base is None:
            return _Resolved(None, "needs a year mentioned earlier (base_year=)", True, "duration")
        if not context.nearby():
            return _Resolved(
                None, "no date in this sentence or the one before to count from", True, "duration"
            )
        return _Resolved(f"{base + years:04d}", f"{years} years after {described}", True, "duration")
    total = years * 12 + (cn_int(months) if months else 0)
    anchor, given = context.anchor, "the anchor given"
    if anchor is None:
        anchor, given = _nearby_anchor(groups["dverb"], context), "the last date mentioned"
    if anchor is None:
        return _Resolved(None, f"{total} months after an unstated event (pass anchor=)", True, "duration")
    try:
        lower, upper = edtf_bounds(anchor)
    except ValueError:
        return _Resolved(None, f"{total} months after {anchor}, which has no bounds", True, "duration")
    start, end = _add_months(lower, total), _add_months(upper, total)
    edtf = start if start == end else f"{start}/{end}"
    return _Resolved(
        edtf, f"{total} months after {anchor}, {given}; kept at month precision", True, "duration"
    )


def _nearby_anchor(verb, context):
    """Return the date named in this or the previous sentence that a duration counts from.

    "上线一个月后" counts from the date of the clause that says 上线; a bare "4个月后" counts
    from the last date of the same or the previous sentence.
    """
    if context.last_at is None or not context.nearby():
        return None
    if not verb:
        return context.last_edtf
    for paragraph, sentence, edtf, clause in reversed(context.recent):
        if paragraph == context.paragraph and context.sentence - sentence <= 1 and verb in clause:
            return edtf
    return None


def _add_months(day, months):
    """Return the EDTF month that lies a number of months after a date's month."""
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _year_range(groups, context):
    """Resolve 1999—2002年 as an interval of years."""
    first, last = cn_int(groups["ry1"]), cn_int(groups["ry2"])
    if first > last:
        return None
    return _Resolved(f"{first:04d}/{last:04d}", "interval, as stated", False, "absolute")


def _decade(groups, context):
    """Resolve 上世纪90年代 and 1990年代; two digits alone count only from 30 to 90."""
    decade = cn_int(groups["dec"])
    if decade >= 1000:
        return _Resolved(f"{decade // 10:03d}X", "as stated", False, "decade", sets_year=False)
    if groups["cent"] is None and decade < 30:
        return _Resolved(None, "century not stated", True, "decade", sets_year=False)
    how = "as stated" if groups["cent"] else "taken as the 1900s"
    return _Resolved(f"19{decade // 10}X", how, groups["cent"] is None, "decade", sets_year=False)


def _iso(groups, context):
    """Resolve 2018-04-01, 2018/4/1 and 2018.4 as stated."""
    year, month, day = int(groups["iy"]), int(groups["im"]), groups["id"]
    if day is None:
        return _Resolved(f"{year:04d}-{month:02d}", "as stated", False, "iso")
    try:
        return _Resolved(datetime.date(year, month, int(day)).isoformat(), "as stated", False, "iso")
    except ValueError:
        return None


def _decades(groups, context):
    """Resolve 上个世纪八九十年代 and 80、90年代 as an interval of decades (198X/199X)."""
    if groups["dd1"]:
        first, last = cn_int(groups["dd1"] + "十"), cn_int(groups["dd2"] + "十")
        cent = groups["cent2"]
    else:
        first, last, cent = int(groups["dd3"]), int(groups["dd4"]), groups["cent3"]
    if last <= first:
        return None
    how = "interval, as stated" if cent else "interval, taken as the 1900s"
    return _Resolved(f"19{first // 10}X/19{last // 10}X", how, cent is None, "decade", sets_year=False)


def _vague(groups, context):
    """Resolve 近年 approximately from the article's year; leave 早年 and 此后 unresolved."""
    word = groups["vw"]
    if groups.get("vn"):
        return _recent_years(word, groups["vn"], context)
    if word.startswith("早年"):
        return _Resolved(
            None, "'early years' of an unstated subject; too vague to date", True, "vague", sets_year=False
        )
    if word == "此后":
        after = context.last_edtf or "an unstated date"
        return _Resolved(
            None, f"after {after}, the last date mentioned; open-ended", True, "vague", sets_year=False
        )
    year = context.article_year
    if year is None:
        return _Resolved(None, "needs the article's date (article_date=)", True, "vague", sets_year=False)
    how = f"recent years before the article's year {year}, taken as roughly {year - 3}–{year}"
    return _Resolved(f"{year - 3}~/{year}", how, True, "vague", sets_year=False)


def _recent_years(word, number, context):
    """Resolve 近两年 / 近三年 as the last N years before the article's year; 近几年 stays vague."""
    year = context.article_year
    if number in "几些":
        return _Resolved(
            None, "'recent years' without a number; too vague to date", True, "vague", sets_year=False
        )
    if year is None:
        return _Resolved(None, "needs the article's date (article_date=)", True, "vague", sets_year=False)
    count = cn_int(number)
    how = f"the {count} years before the article's year {year}, taken as roughly {year - count}–{year}"
    return _Resolved(f"{year - count}~/{year}", how, True, "vague", sets_year=False)


_RESOLVERS = {
    "decades": _decades,
    "iso": _iso,
    "decade": _decade,
    "year_range": _year_range,
    "absolute": _absolute,
    "duration": _duration,
    "relative": _relative,
    "year_part": _year_part,
    "quarter": _quarter,
    "month_day": _month_day,
    "vague": _vague,
}
