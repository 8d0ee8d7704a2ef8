"""Patterns and conventions for Chinese date phrases (used by textkit.dates).

Conventions for vague parts of a year, chosen so that every value parses with
the ``edtf`` package and never claims a day the text does not give:

- 年初 -> ``YYYY-01~/YYYY-03~`` (roughly January to roughly March)
- 年中 -> ``YYYY-06~/YYYY-07~`` (roughly June to roughly July)
- 年底, 年末 -> ``YYYY-10~/YYYY-12~`` (roughly October to roughly December)
- 上半年, 下半年 -> ``YYYY-40``, ``YYYY-41`` (EDTF level 2 semesters)
- 一季度 .. 四季度 -> ``YYYY-33`` .. ``YYYY-36`` (EDTF level 2 quarters)
- 春季, 夏季, 秋季, 冬季 -> ``YYYY-21`` .. ``YYYY-24``
- 月初, 月中, 月底, 月末, 上/中/下旬 -> the month itself (``YYYY-MM``)
- 前后, 左右 after a year, month or day -> that value marked approximate (``2003~``)

EDTF seasons cannot carry ``~`` in the ``edtf`` package, which is why the
approximate parts of a year are intervals of approximate months.
"""

import re

CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# Full-width digits and tildes map one character to one, so offsets survive.
FULLWIDTH = str.maketrans("０１２３４５６７８９～", "0123456789~")

YEAR_PARTS = {
    "初": ("{y}-01~/{y}-03~", "年初 taken as roughly Jan–Mar"),
    "中": ("{y}-06~/{y}-07~", "年中 taken as roughly Jun–Jul"),
    "底": ("{y}-10~/{y}-12~", "年底 taken as roughly Oct–Dec"),
    "末": ("{y}-10~/{y}-12~", "年末 taken as roughly Oct–Dec"),
    "上半年": ("{y}-40", "上半年 = first half (EDTF semester 40)"),
    "下半年": ("{y}-41", "下半年 = second half (EDTF semester 41)"),
    "春": ("{y}-21", "spring (EDTF season 21)"),
    "夏": ("{y}-22", "summer (EDTF season 22)"),
    "秋": ("{y}-23", "autumn (EDTF season 23)"),
    "冬": ("{y}-24", "winter (EDTF season 24)"),
    "前后": ("{y}~", "前后 = approximately"),
    "左右": ("{y}~", "左右 = approximately"),
}

MONTH_PARTS = {
    "初": "月初 (start of month) kept at month precision",
    "中": "月中 (mid-month) kept at month precision",
    "底": "月底 (end of month) kept at month precision",
    "末": "月末 (end of month) kept at month precision",
    "上旬": "上旬 (first ten days) kept at month precision",
    "中旬": "中旬 (middle ten days) kept at month precision",
    "下旬": "下旬 (last ten days) kept at month precision",
    "份": "",
    "前后": "前后 = approximately",
    "左右": "左右 = approximately",
}
APPROXIMATE = {"前后", "左右"}

# Relative year words: (offset, anchor) where anchor is "article" (the
# publication date) or "narrative" (the last year the text mentioned).
RELATIVE_YEARS = {
    "今年": (0, "article"),
    "去年": (-1, "article"),
    "明年": (1, "article"),
    "前年": (-2, "article"),
    "后年": (2, "article"),
    "次年": (1, "narrative"),
    "翌年": (1, "narrative"),
    "第二年": (1, "narrative"),
    "下一年": (1, "narrative"),
    "后一年": (1, "narrative"),
    "上一年": (-1, "narrative"),
    "前一年": (-1, "narrative"),
    "同年": (0, "narrative"),
    "当年": (0, "narrative"),
    "这一年": (0, "narrative"),
    "那一年": (0, "narrative"),
    "是年": (0, "narrative"),
    "该年": (0, "narrative"),
}

# A character before the word that makes it part of another word:
# 一次年会 (one annual meeting), 相当年轻 (quite young), 不同年龄 (different ages).
_RELATIVE_GUARDS = {
    "次年": "一二三四五六七八九十两几多每这那上下首初再屡",
    "当年": "相应适充担正恰",
    "同年": "不共相",
    "前年": "0-9年之以此提",
    "后年": "0-9年之以此然最",
    "是年": "但就总都也还",
    "该年": "应",
}

_NUM = "〇○零一二两三四五六七八九十"
_YEAR = r"(?:[12]\d{3}|[〇○零一二三四五六七八九]{4})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = (
    r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?"
    r"|十[一二三四五六七八九]?|[一二三四五六七八九])"
)
_SMALL = r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3})"
# 初 followed by these is a word of its own (初步, 初衷); 中 must end a clause.
_CHU = r"初(?![步次衷心稿赛级试露具值审选始创中])"
_ZHONG = r"中(?=[,，。;；、:：\s)）]|$)"
_MONTH_PART = rf"(?:上旬|中旬|下旬|{_CHU}|{_ZHONG}|底|末|份|前后|左右)"
_YEAR_PART = (
    rf"(?:上半年|下半年|{_CHU}|{_ZHONG}|底|末|前后|左右|第?[一二三四1-4]季度|Q[1-4]"
    r"|[春夏秋冬](?:季|天))"
)
# Word endings that turn 年 into another word: 年龄, 年纪, 年级, 年轻.
_NOT_AGE = r"(?![龄纪级轻])"


def _tail(p):
    """Return the month/day/part tail after a year, its groups prefixed with p."""
    return (
        rf"(?:\s?(?P<{p}m>{_MONTH})\s?月(?:\s?(?P<{p}d>{_DAY})\s?[日号])?(?P<{p}mp>{_MONTH_PART})?"
        rf"|(?P<{p}yp>{_YEAR_PART}))?"
    )


def _relative_words():
    """Return an alternation of the relative year words with their guards."""
    words = sorted(RELATIVE_YEARS, key=len, reverse=True)
    alts = [(f"(?<![{_RELATIVE_GUARDS[w]}])" if w in _RELATIVE_GUARDS else "") + w for w in words]
    return "(?:" + "|".join(alts) + ")"


PATTERNS = {
    "decades": (
        r"(?P<cent2>上个?世纪|20世纪|二十世纪)?(?P<dd1>[三四五六七八九])(?P<dd2>[四五六七八九])十年代"
        r"|(?P<cent3>上个?世纪|20世纪|二十世纪)?(?<!\d)(?P<dd3>[3-9]0)[、—-](?P<dd4>[4-9]0)年代"
    ),
    "decade": r"(?P<cent>上个?世纪|20世纪|二十世纪)?(?<!\d)(?P<dec>[1-9]0|[12]\d{2}0|[三四五六七八九]十)年代",
    "year_range": rf"(?<!\d)(?P<ry1>{_YEAR})\s*[-—–~〜至到]\s*(?P<ry2>{_YEAR})年(?![代龄])",
    "absolute": rf"(?<![\d备号©])(?P<ay>{_YEAR})\s*年(?![代龄纪级]){_tail('a')}",
    "duration": (
        rf"(?:(?P<dpre>此后|之后|其后|随后的?)|(?P<dverb>入职|加入|成立|创立|上线|上市))?(?<![\d余多几.．])"
        rf"(?:(?P<dy>{_SMALL})年(?:(?:零|又)?(?P<dm>{_SMALL})个月)?"
        rf"|(?P<dm2>{_SMALL})个月)(?(dpre)(?:(?:之)?后)?(?![的间内里中来])|(?:之)?后)"
    ),
    "relative": rf"(?P<rw>{_relative_words()}){_NOT_AGE}{_tail('r')}",
    "year_part": rf"(?<![\d年{_NUM}])年(?P<byp>{_CHU}|{_ZHONG}|底|末)|(?P<bhalf>[上下]半年)",
    "quarter": r"(?<![前后个\d])第?(?P<bq>[一二三四1-4])季度",
    "month_day": (
        rf"(?<![\d{_NUM}个第年])(?P<bm>{_MONTH})\s?月(?:\s?(?P<bd>{_DAY})\s?[日号])?"
        rf"(?P<bmp>{_MONTH_PART})?"
    ),
    "iso": (
        r"(?<![\dA-Za-z备号.\-/])(?P<iy>(?:19|20)\d{2})(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])"
        r"(?:(?P=isep)(?P<id>3[01]|[12]\d|0?[1-9]))?(?![\d.%亿万元年])"
    ),
    "vague": r"(?P<vw>早年|近年来?|近(?P<vn>[两二三四五几些])年(?:来|间)?|此后)",
}

SCANNER = re.compile("|".join(f"(?P<{kind}>{pat})" for kind, pat in PATTERNS.items()))
INTERVAL_SEPARATOR = re.compile(r"\s*(?:[-—–~〜至到])\s*")


def cn_int(text):
    """Return the integer written in Arabic or Chinese digits (up to 99 with 十)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)
