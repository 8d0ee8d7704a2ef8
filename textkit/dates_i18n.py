"""Chinese renderings of the English date explanations textkit.dates writes.

textkit.dates keeps ``DatePhrase.resolution`` in English (callers rely on it); this module
renders the same explanation in Chinese, piece by piece, so both languages say the same thing.
"""

import re

from textkit.dates_format import humanize

__all__ = ["explain_zh"]

# (English pattern, Chinese template): applied in order to each "; "-separated part.
_PARTS = [
    (r"as stated", "原文所写"),
    (r"interval, as stated", "原文所写的时间段"),
    (r"the year after the article's year (\d{4})", r"文章年份\1年的次年"),
    (r"the year before the article's year (\d{4})", r"文章年份\1年的前一年"),
    (r"two years after the article's year (\d{4})", r"文章年份\1年的两年后"),
    (r"two years before the article's year (\d{4})", r"文章年份\1年的两年前"),
    (r"the article's year (\d{4})", r"文章发表的年份\1年"),
    (r"the year after (\d{4}), the last year mentioned", r"上文最近提到的\1年的次年"),
    (r"the year before (\d{4}), the last year mentioned", r"上文最近提到的\1年的前一年"),
    (r"(\d{4}), the last year mentioned", r"上文最近提到的\1年"),
    (r"year from (\d{4}), the last year mentioned", r"年份取自上文最近提到的\1年"),
    (r"year from the article's year (\d{4})", r"年份取自文章发表的\1年"),
    (r"(\d+) years after (\d{4}), the last year mentioned", r"上文最近提到的\2年之后\1年"),
    (r"(\d+) months after ([\d\-~/X]+), (?:the anchor given|the last date mentioned)", r"自\2起\1个月后"),
    (r"kept at month precision", "只精确到月"),
    (
        (
            r"(\S+) \((?:start of month|mid-month|end of month|first ten days|middle ten days|last ten days)\)"
            r" kept at month precision"
        ),
        r"\1只精确到月",
    ),
    (r"起 = from then on, open-ended", "“起”表示自此开始，未给终点"),
    (
        r"the (\d+) years before the article's year (\d{4}), taken as roughly (\d{4})–(\d{4})",
        r"文章年份\2年之前的\1年，按约\3—\4年计",
    ),
    (r"'recent years' without a number; too vague to date", "“近几年”没有具体年数，无法定年"),
    (r"interval, taken as the 1900s", "时间段，按20世纪计"),
    (r"no date in this sentence or the one before to count from", "本句和上一句都没有可作起点的日期"),
    (
        r"no year named earlier in this paragraph \('back then', not a year\)",
        "本段此前没有提到年份（“当年”只是“那时”）",
    ),
    (r"(\d+) months after (.+), which has no bounds", r"自\2起\1个月后，但起点没有明确范围"),
    (r"(.+) \(start of month\)", r"\1（月初）"),
    (r"(.+) \(mid-month\)", r"\1（月中）"),
    (r"(.+) \(end of month\)", r"\1（月末）"),
    (r"(.+) \((first|middle|last) ten days\)", r"\1"),
    (r"(\S+) taken as roughly (\w+)–(\w+)", r"\1按约\2至\3计"),
    (r"(\S+) = first half \(EDTF semester 40\)", r"\1 = 上半年"),
    (r"(\S+) = second half \(EDTF semester 41\)", r"\1 = 下半年"),
    (r"(\S+) = quarter (\d) \(EDTF \d+\)", r"\1 = 第\2季度"),
    (r"(\S+) = approximately", r"\1 = 大约"),
    (r"(spring|summer|autumn|winter) \(EDTF season \d+\)", r"季节"),
    (
        r"recent years before the article's year (\d{4}), taken as roughly (\d{4})–(\d{4})",
        r"文章年份\1年之前的近几年，按约\2—\3年计",
    ),
    (r"'early years' of an unstated subject; too vague to date", "“早年”所指不明，无法定年"),
    (r"after (.+), the last date mentioned; open-ended", r"上文最近日期\1之后，未给终点"),
    # The explanation is split at "; " before the table is read: the two halves one by one.
    (r"after (.+), the last date mentioned", r"上文最近日期\1之后"),
    (r"open-ended", "未给终点"),
    (r"century not stated", "未说明世纪"),
    (r"taken as the 1900s", "按20世纪计"),
    (r"needs the article's date \(article_date=\)", "需要文章发表日期"),
    (r"needs a year mentioned earlier \(base_year=\)", "需要上文提到过的年份"),
    (r"no year in context \(pass base_year= or article_date=\)", "上下文中没有年份"),
    (r"(\d+) months after an unstated event \(pass anchor=\)", r"某个未说明事件之后\1个月"),
    (r"(\d{4})-(\d+)-(\d+) is not a calendar date", r"\1年\2月\3日不是有效日期"),
    (r"interval from (.+) \((.+)\) to (.+) \((.+)\)", r"从\1到\3的时间段"),
]
_COMPILED = [(re.compile(f"^{en}$"), zh) for en, zh in _PARTS]
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    )
}


def _part_zh(part):
    for pattern, zh in _COMPILED:
        if pattern.match(part):
            out = pattern.sub(zh, part)
            return re.sub(
                r"按约(\w+)至(\w+)计",
                lambda m: (
                    f"按约{_MONTHS.get(m.group(1), m.group(1))}月至{_MONTHS.get(m.group(2), m.group(2))}月计"
                ),
                out,
            )
    return part  # a new English phrase no table covers yet: show it rather than nothing


def explain_zh(text, edtf, how, unresolved_note="未能定年"):
    """Return the Chinese explanation for a phrase: '2005年底 = 2005年底：原文所写'."""
    body = "；".join(_part_zh(p) for p in how.split("; "))
    if edtf is None:
        return f"{text}{unresolved_note}：{body}"
    return f"{text} = {humanize(edtf, 'zh')}：{body}"
