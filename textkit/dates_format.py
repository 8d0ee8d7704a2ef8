"""EDTF values: sortable bounds, precision and human-readable rendering.

Only the subset of EDTF that textkit.dates produces is rendered specially;
any other valid value is shown as written rather than guessed at.
"""

import datetime
import re
from functools import lru_cache

from edtf import parse_edtf, struct_time_to_date

_POINT = re.compile(r"^(?P<y>\d{4}|\d{3}X|\d{2}XX)(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[~?%])?$")
_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_SEASONS = {
    21: ("{y}年春季", "spring {y}"),
    22: ("{y}年夏季", "summer {y}"),
    23: ("{y}年秋季", "autumn {y}"),
    24: ("{y}年冬季", "winter {y}"),
    33: ("{y}年第一季度", "Q1 {y}"),
    34: ("{y}年第二季度", "Q2 {y}"),
    35: ("{y}年第三季度", "Q3 {y}"),
    36: ("{y}年第四季度", "Q4 {y}"),
    37: ("{y}年1—4月", "Jan–Apr {y}"),
    38: ("{y}年5—8月", "May–Aug {y}"),
    39: ("{y}年9—12月", "Sep–Dec {y}"),
    40: ("{y}年上半年", "first half of {y}"),
    41: ("{y}年下半年", "second half of {y}"),
}
# The approximate parts of a year that textkit.dates_rules writes as intervals.
_YEAR_PARTS = {
    ("01", "03"): ("{y}年初", "early {y}"),
    ("06", "07"): ("{y}年中", "mid-{y}"),
    ("10", "12"): ("{y}年底", "late {y}"),
}
_YEAR_PART = re.compile(r"^(\d{4})-(\d{2})~/(\d{4})-(\d{2})~$")


def _parse(value):
    """Return the parsed EDTF object, raising ValueError that names the value."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"empty or non-string EDTF value: {value!r}")
    try:
        return _parse_cached(value.strip())
    except Exception as exc:  # the parser raises several unrelated types
        raise ValueError(f"{value!r} is not valid EDTF (e.g. 2002, 2002-10, 2003~, 1999/2002)") from exc


@lru_cache(maxsize=4096)
def _parse_cached(value):
    # The pyparsing grammar takes milliseconds per call and articles repeat values.
    return parse_edtf(value)


def edtf_bounds(value):
    """Return the (lower, upper) dates that an EDTF value strictly spans.

    Raise ValueError for an unparseable value, an open or unknown end
    (``2002/..``), a value with no calendar year (``XXXX-08-30``) or an
    interval that ends before it starts.
    """
    parsed = _parse(value)
    value = value.strip()
    if "/" in value and (value.startswith("/") or value.endswith("/") or ".." in value):
        raise ValueError(f"EDTF value {value!r} has an open or unknown end")
    try:
        lower = struct_time_to_date(parsed.lower_strict())
        upper = struct_time_to_date(parsed.upper_strict())
    except Exception as exc:  # year 0 and infinite ends fail in different ways
        raise ValueError(f"EDTF value {value!r} has no calendar bounds ({exc})") from exc
    if lower > upper:
        raise ValueError(f"EDTF interval {value!r} ends before it starts")
    return lower, upper


def edtf_precision(value):
    """Return 'day', 'month', 'season', 'year', 'decade', 'century', 'interval' or 'other'.

    Quarters, halves and seasons all count as 'season', the EDTF name for
    divisions of a year. Qualifiers (~ ? %) do not change the precision.
    """
    _parse(value)
    if "/" in value:
        return "interval"
    match = _POINT.match(value.strip())
    if not match:
        return "other"
    year, month, day = match.group("y", "m", "d")
    if day and "X" not in day:
        return "day"
    if month and "X" not in month:
        return "season" if int(month) > 12 else "month"
    if year.endswith("XX"):
        return "century"
    return "decade" if year.endswith("X") else "year"


def humanize(value, lang="zh"):
    """Render an EDTF value for readers, in Chinese ('zh') or English ('en').

    Render only what the value says: ``2002-10`` is "2002年10月", never a day.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unsupported language {lang!r}; use 'zh' or 'en'")
    value = value.strip() if isinstance(value, str) else value
    if not _plainly_valid(value):
        _parse(value)  # the full grammar is slow (milliseconds); plain values skip it
    part = _YEAR_PART.match(value)
    if part and part.group(1) == part.group(3) and (part.group(2), part.group(4)) in _YEAR_PARTS:
        template = _YEAR_PARTS[part.group(2), part.group(4)][lang == "en"]
        return template.format(y=part.group(1))
    if "/" in value:
        return _humanize_interval(*value.split("/", 1), lang) or value
    return _humanize_point(value, lang) or value


def _plainly_valid(value):
    """Return True for a point or two-point interval whose parts are real calendar dates."""
    if not isinstance(value, str):
        return False
    parts = value.split("/")
    return len(parts) <= 2 and all(_real_point(part) for part in parts)


def _real_point(value):
    match = _POINT.match(value)
    if not match or not match.group("y").isdigit():
        return False
    year, month, day = (int(g) if g else None for g in match.group("y", "m", "d"))
    if month is not None and not (1 <= month <= 12 or (day is None and 21 <= month <= 41)):
        return False
    try:
        datetime.date(year or 1, month if month and month <= 12 else 1, day or 1)
    except ValueError:
        return False
    return True


def _humanize_interval(start, end, lang):
    """Render an interval with both ends, or None for an open or unusual one."""
    left, right = _humanize_point(start, lang), _humanize_point(end, lang)
    if left and end == "..":
        return f"from {left}" if lang == "en" else f"{left}起"
    if not left or not right:
        return None
    if lang == "en":
        plain_years = start.isdigit() and end.isdigit()
        return f"{left}–{right}" if plain_years else f"{left} – {right}"
    if start.isdigit() and end.isdigit():
        return f"{start}—{end}年"
    if start[:4] == end[:4] and right.startswith(start[:4] + "年") and len(end) > 4:
        right = right[5:]  # same year: write 2017年8月30日—9月6日
    return f"{left}—{right}"


def _humanize_point(value, lang):
    """Render a single date, season or decade, or None if not in our subset."""
    match = _POINT.match(value)
    if not match:
        return None
    year, month, day, qualifier = match.group("y", "m", "d", "q")
    if month and int(month) > 12:
        forms = _SEASONS.get(int(month))
        text = forms[lang == "en"].format(y=year) if forms else None
    else:
        text = (_en_point if lang == "en" else _zh_point)(year, month, day)
    if text is None or not qualifier:
        return text
    return _qualify(text, qualifier, lang)


def _zh_point(year, month, day):
    """Return a Chinese rendering of a year, month or day."""
    if year.endswith("XX"):
        return f"{int(year[:2]) + 1}世纪"
    if year.endswith("X"):
        return f"{year[:3]}0年代"
    text = f"{year}年"
    if month:
        text += f"{int(month)}月"
    if day:
        text += f"{int(day)}日"
    return text


def _en_point(year, month, day):
    """Return an English rendering of a year, month or day."""
    if year.endswith("XX"):
        return f"{int(year[:2]) + 1}th century"
    if year.endswith("X"):
        return f"{year[:3]}0s"
    parts = [year]
    if month:
        parts.insert(0, _MONTHS_EN[int(month) - 1])
    if day:
        parts.insert(0, str(int(day)))
    return " ".join(parts)


def _qualify(text, qualifier, lang):
    """Add the wording for EDTF ~ (approximate), ? (uncertain) or % (both)."""
    if lang == "en":
        approx = "c. " + text if qualifier in "~%" else text
        return approx + "?" if qualifier in "?%" else approx
    approx = text + "前后" if qualifier in "~%" else text
    return approx + "(存疑)" if qualifier in "?%" else approx
