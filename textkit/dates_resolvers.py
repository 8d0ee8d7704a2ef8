"""Resolvers: one per scanner kind, each turning a match into an EDTF value (internal to textkit.dates)."""

import datetime
import re

from textkit.dates_context import Resolved as _Resolved
from textkit.dates_format import edtf_bounds
from textkit.dates_rules import APPROXIMATE, MONTH_PARTS, RELATIVE_YEARS, YEAR_PARTS, cn_int

__all__ = ["RESOLVERS", "with_note"]

_OFFSET_WORDS = {1: "the year after", -1: "the year before", 2: "two years after", -2: "two years before"}


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


def with_note(how, note):
    """Append a precision note to a resolution, if there is one."""
    return f"{how}; {note}" if note else how


def _absolute(groups, context):
    """Resolve 1999年, 2002年10月末, 2003年4月16日, 2002年初, 2009年一季度."""
    edtf, note = _compose(cn_int(groups["ay"]), groups["am"], groups["ad"], groups["amp"], groups["ayp"])
    return _Resolved(edtf, with_note("as stated", note), False, "absolute")


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
    return _Resolved(edtf, with_note(how, note), True, "relative")


def _in_context_year(kind, compose_args, context):
    """Resolve a month, day or part of a year that takes its year from context."""
    year, described = context.context_year()
    if year is None:
        return _Resolved(None, "no year in context (pass base_year= or article_date=)", True, kind)
    edtf, note = _compose(year, *compose_args)
    return _Resolved(edtf, with_note(described, note), True, kind)


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


RESOLVERS = {
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
