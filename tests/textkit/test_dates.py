"""Chinese date phrases to EDTF, checked on the seed article (published 2017)."""

import datetime
import re

import pytest
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.textkit.seeds import read_seed
from textkit.dates import (
    edtf_bounds,
    edtf_precision,
    find_date_phrases,
    humanize,
    parse_phrase,
    resolve_paragraphs,
)

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def seed_paragraphs():
    return [line for line in read_seed("original").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_phrases(seed_paragraphs):
    return resolve_paragraphs(seed_paragraphs, "2017")


def phrase_in_seed(paragraphs, resolved, snippet, text):
    """Return the phrase `text` found where it sits inside the first paragraph holding snippet."""
    index = next(i for i, p in enumerate(paragraphs) if snippet in p)
    start = paragraphs[index].index(snippet) + snippet.index(text)
    matches = [p for p in resolved[index] if p.start == start]
    assert matches, f"no phrase found at {text!r} in paragraph {index}"
    return matches[0]


# (snippet locating the paragraph, phrase, expected EDTF, substring of the resolution)
SEED_CASES = [
    ("1999年,中国电子商务", "1999年", "1999", "as stated"),
    ("这一年,哈佛高材生", "这一年", "1999", "1999, the last year mentioned"),
    ("次年7月,穿格子衫", "次年7月", "2000-07", "the year after 1999, the last year mentioned"),
    ("早年,很多人看不懂", "早年", None, "too vague"),
    ("近年,除了为淘宝", "近年", "2014~/2017", "recent years before the article's year 2017"),
    ("1999年9月,马云在杭州", "1999年9月", "1999-09", "as stated"),
    # 当年 with no year named in its paragraph is "back then", not a year (issue 13).
    ("当年,也只是阿里的一名程序员", "当年", None, "no year named earlier in this paragraph"),
    ("2000年10月,为更好地", "2000年10月", "2000-10", "as stated"),
    ("次年11月,中国宣布加入世贸组织", "次年11月", "2001-11", "the year after 2000"),
    ("2002年,阿里顺势", "2002年", "2002", "as stated"),
    ("杨猛2002年加入", "2002年", "2002", "as stated"),
    ("2004年回国时", "2004年", "2004", "as stated"),
    ("到2000年下半年", "2000年下半年", "2000-41", "second half"),
    ("但到2000年底", "2000年底", "2000-10~/2000-12~", "roughly Oct–Dec"),
    ("1999年到2001年,是阿里的尝试期", "1999年到2001年", "1999/2001", "interval"),
    ("到2002年,才初步摸到感觉", "2002年", "2002", "as stated"),
    ("2002年初,马云提出", "2002年初", "2002-01~/2002-03~", "年初 taken as roughly Jan–Mar"),
    ("2002年5月1日,杨猛", "2002年5月1日", "2002-05-01", "as stated"),
    ("次年,他拿到全国月度TOP3", "次年", "2003", "the year after 2002, the last year mentioned"),
    ("入职1年零5个月后", "入职1年零5个月后", None, "pass anchor="),
    ("2002年10月末,是阿里巴巴", "2002年10月末", "2002-10", "kept at month precision"),
    ("此后,阿里巴巴开始盈利", "此后", None, "after 2002-10"),
    ("2003年4月16日,“十八罗汉”", "2003年4月16日", "2003-04-16", "as stated"),
    ("次年,支付宝出现", "次年", "2004", "the year after 2003, the last year mentioned"),
    ("一次是2003年“非典”", "2003年", "2003", "as stated"),
    ("比上一年同期", "上一年", "2002", "the year before 2003"),
    ("还有一次是2008年金融危机", "2008年", "2008", "as stated"),
    ("2007年,阿里巴巴B2B公司在香港上市", "2007年", "2007", "as stated"),
    ("次年,美国次贷危机蔓延", "次年", "2008", "the year after 2007, the last year mentioned"),
    ("据当年发改委", "当年", "2008", "2008, the last year mentioned"),
    ("2009年一季度,中国外贸", "2009年一季度", "2009-33", "quarter 1"),
    ("2011年,“黑名单”事件", "2011年", "2011", "as stated"),
    ("2009年~2010年,2326名", "2009年~2010年", "2009/2010", "interval"),
    ("今年1月轮岗", "今年1月", "2017-01", "the article's year 2017"),
    ("2006年之后曾是", "2006年", "2006", "as stated"),
    ("今年以来,B2B各事业部", "今年", "2017", "the article's year 2017"),
    ("那是在2010年", "2010年", "2010", "as stated"),
    ("2014年,阿里巴巴提出全球化", "2014年", "2014", "as stated"),
    ("截至今年4月", "今年4月", "2017-04", "the article's year 2017"),
    ("2016年,零售通走向前台", "2016年", "2016", "as stated"),
    ("2017年初,马云来到", "2017年初", "2017-01~/2017-03~", "roughly Jan–Mar"),
    ("阿里巴巴的今年战略重点", "今年", "2017", "the article's year 2017"),
    ("2008年开始启动,但5年后", "5年后", "2013", "5 years after 2008, the last year mentioned"),
    ("还有2004年推出的支付宝", "2004年", "2004", "as stated"),
    ("直至2014年、2015年", "2014年", "2014", "as stated"),
    ("2015年才让人们确信", "2015年", "2015", "as stated"),
    # X年起 is an open span from X (issue 13).
    ("2012年起,沈涤凡", "2012年起", "2012/..", "open-ended"),
    ("今年8月,村淘上线", "今年8月", "2017-08", "the article's year 2017"),
    ("在8月召开发布会", "8月", "2017-08", "year from 2017, the last year mentioned"),
    ("9月6日搞全网大促", "9月6日", "2017-09-06", "year from 2017"),
    ("8月底时,他们", "8月底", "2017-08", "月底 (end of month) kept at month precision"),
    ("8月30日,她下到湖南", "8月30日", "2017-08-30", "year from 2017"),
]


@pytest.mark.parametrize(
    "snippet, text, expected, explained", SEED_CASES, ids=[f"{c[1]}@{c[0][:8]}" for c in SEED_CASES]
)
def test_seed_phrase_resolves_in_the_article_chain(
    seed_paragraphs, seed_phrases, snippet, text, expected, explained
):
    phrase = phrase_in_seed(seed_paragraphs, seed_phrases, snippet, text)
    assert phrase.text == text
    assert phrase.edtf == expected
    assert explained in phrase.resolution


def test_every_seed_value_parses_and_has_no_invented_day(seed_paragraphs, seed_phrases):
    produced = [p for paragraph in seed_phrases for p in paragraph]
    assert len(produced) > 60
    for phrase in produced:
        if phrase.edtf is None:
            continue
        parse_edtf(phrase.edtf)
        if phrase.edtf.endswith("/.."):
            continue  # an open span (X年起) has no upper bound by design
        lower, upper = edtf_bounds(phrase.edtf)
        assert lower <= upper
        if "日" not in phrase.text and "号" not in phrase.text:
            assert not DAY.search(phrase.edtf), phrase


def test_seed_offsets_point_at_the_phrase_text(seed_paragraphs, seed_phrases):
    for paragraph, phrases in zip(seed_paragraphs, seed_phrases):
        for phrase in phrases:
            assert paragraph[phrase.start : phrase.end] == phrase.text


def test_two_years_joined_by_a_comma_stay_separate():
    phrases = find_date_phrases("直至2014年、2015年才让人们确信")
    assert [p.edtf for p in phrases] == ["2014", "2015"]


def test_next_year_chains_across_paragraphs():
    paragraphs = ["2003年4月16日,孙彤宇带着8个人搬走。", "次年,支付宝出现。", "次年,又有新业务。"]
    resolved = resolve_paragraphs(paragraphs, "2017")
    assert [p.edtf for p in resolved[1] + resolved[2]] == ["2004", "2005"]


@pytest.mark.parametrize(
    "phrase, kwargs, expected, explained",
    [
        ("次年", {"base_year": 2003}, "2004", "次年 = 2004: the year after 2003, the last year mentioned"),
        ("同年", {"base_year": 2003}, "2003", "2003, the last year mentioned"),
        ("翌年", {"base_year": 1999}, "2000", "the year after 1999"),
        ("次年7月", {"base_year": 1999}, "2000-07", "the year after 1999"),
        ("今年", {"article_date": datetime.date(2017, 8, 30)}, "2017", "the article's year 2017"),
        ("今年", {"article_date": "2017-08-30/2017-09-06"}, "2017", "the article's year 2017"),
        ("去年", {"article_date": "2017"}, "2016", "the year before the article's year 2017"),
        ("明年", {"article_date": 2017}, "2018", "the year after the article's year 2017"),
        ("去年下半年", {"article_date": "2017"}, "2016-41", "second half"),
        ("今年初", {"article_date": "2017"}, "2017-01~/2017-03~", "roughly Jan–Mar"),
        ("4月1日", {"base_year": 2002}, "2002-04-01", "year from 2002"),
        ("8月30日", {"article_date": "2017-08-30/2017-09-06"}, "2017-08-30", "the article's year 2017"),
        ("二〇〇二年三月", {}, "2002-03", "as stated"),
        ("二〇〇二年十月末", {}, "2002-10", "kept at month precision"),
        ("２００３年", {}, "2003", "as stated"),
        ("2002年上半年", {}, "2002-40", "first half"),
        ("2002年春季", {}, "2002-21", "spring"),
        ("2003年前后", {}, "2003~", "approximately"),
        ("2002年10月左右", {}, "2002-10~", "approximately"),
        ("2003年4月16日前后", {}, "2003-04-16~", "approximately"),
        ("2002年10月下旬", {}, "2002-10", "kept at month precision"),
        ("一季度", {"base_year": 2009}, "2009-33", "quarter 1"),
        ("年中", {"base_year": 2005}, "2005-06~/2005-07~", "roughly Jun–Jul"),
        ("年末", {"base_year": 2005}, "2005-10~/2005-12~", "roughly Oct–Dec"),
        ("上世纪90年代", {}, "199X", "as stated"),
        ("二十世纪八十年代", {}, "198X", "as stated"),
        ("1990年代", {}, "199X", "as stated"),
        ("1999—2002年", {}, "1999/2002", "interval"),
        ("2017年8月30日至9月6日", {}, "2017-08-30/2017-09-06", "interval"),
        ("两年后", {"base_year": 2008}, "2010", "2 years after 2008"),
        ("入职1年零5个月后", {"anchor": "2002-04-01"}, "2003-09", "17 months after 2002-04-01"),
        ("入职1年零5个月后", {"anchor": datetime.date(2002, 4, 1)}, "2003-09", "anchor given"),
        ("入职1年零5个月后", {"anchor": "2002"}, "2003-06/2004-05", "17 months after 2002"),
        ("近年", {"article_date": "2017"}, "2014~/2017", "roughly 2014–2017"),
    ],
)
def test_parse_phrase_resolves_a_single_phrase(phrase, kwargs, expected, explained):
    result = parse_phrase(phrase, **kwargs)
    assert result is not None
    assert result.edtf == expected
    assert explained in result.resolution
    parse_edtf(result.edtf)


@pytest.mark.parametrize(
    "phrase, missing",
    [
        ("次年", "base_year="),
        ("今年", "article_date="),
        ("8月30日", "no year in context"),
        ("入职1年零5个月后", "anchor="),
        ("5年后", "base_year="),
        ("2003年2月30日", "not a calendar date"),
    ],
)
def test_phrase_without_its_context_is_left_unresolved(phrase, missing):
    result = parse_phrase(phrase)
    assert result.edtf is None and not result.resolved
    assert "unresolved" in result.resolution and missing in result.resolution


def test_relative_phrases_are_flagged_and_stated_ones_are_not():
    phrases = find_date_phrases("2007年上市。次年,危机蔓延。", article_date="2017")
    assert [(p.text, p.relative) for p in phrases] == [("2007年", False), ("次年", True)]


def test_parse_phrase_rejects_text_around_a_date():
    assert parse_phrase("他2002年加入") is None
    assert parse_phrase("阿里巴巴") is None


@pytest.mark.parametrize(
    "text",
    [
        "一次年会上",
        "相当年轻的团队",
        "不同年龄的人",
        "3个月的过渡期",
        "10余年后的O2O战场",
        "第598号员工",
        "18年间",
        "3.5年后",
        "一个季度便能挣几十个亿",
        "每年4月",
    ],
)
def test_words_that_only_look_like_dates_are_ignored(text):
    assert find_date_phrases(text, base_year=2002, article_date="2017") == []


def test_chu_that_starts_another_word_is_not_early_year():
    assert [p.edtf for p in find_date_phrases("到2002年初步摸到感觉")] == ["2002"]


def test_bad_article_date_raises_a_clear_error():
    with pytest.raises(ValueError, match="not valid EDTF"):
        find_date_phrases("今年", article_date="last summer")


@pytest.mark.parametrize(
    "value, lower, upper",
    [
        ("2002-10", datetime.date(2002, 10, 1), datetime.date(2002, 10, 31)),
        ("2002-01~/2002-03~", datetime.date(2002, 1, 1), datetime.date(2002, 3, 31)),
        ("2009-33", datetime.date(2009, 1, 1), datetime.date(2009, 3, 31)),
        ("1999/2002", datetime.date(1999, 1, 1), datetime.date(2002, 12, 31)),
    ],
)
def test_edtf_bounds_give_sortable_dates(value, lower, upper):
    assert edtf_bounds(value) == (lower, upper)


@pytest.mark.parametrize(
    "value, message",
    [
        ("bogus", "not valid EDTF"),
        ("2002-13", "not valid EDTF"),
        ("", "empty"),
        ("2002/..", "open or unknown end"),
        ("XXXX-08-30", "no calendar bounds"),
        ("1999/1998", "ends before it starts"),
    ],
)
def test_edtf_bounds_reject_values_without_bounds(value, message):
    with pytest.raises(ValueError, match=message):
        edtf_bounds(value)


@pytest.mark.parametrize(
    "value, precision",
    [
        ("2003-04-16", "day"),
        ("2002-10", "month"),
        ("2009-33", "season"),
        ("2000-41", "season"),
        ("2002", "year"),
        ("2003~", "year"),
        ("199X", "decade"),
        ("19XX", "century"),
        ("1999/2002", "interval"),
        ("2002-01~/2002-03~", "interval"),
        ("{2014,2015}", "other"),
    ],
)
def test_edtf_precision(value, precision):
    assert edtf_precision(value) == precision


def test_edtf_precision_rejects_invalid_values():
    with pytest.raises(ValueError):
        edtf_precision("2002-99")


@pytest.mark.parametrize(
    "value, zh, en",
    [
        ("2002-10", "2002年10月", "Oct 2002"),
        ("2003~", "2003年前后", "c. 2003"),
        ("1999/2002", "1999—2002年", "1999–2002"),
        ("2003-04-16", "2003年4月16日", "16 Apr 2003"),
        ("2002-01~/2002-03~", "2002年初", "early 2002"),
        ("2002-10~/2002-12~", "2002年底", "late 2002"),
        ("2009-33", "2009年第一季度", "Q1 2009"),
        ("2000-41", "2000年下半年", "second half of 2000"),
        ("199X", "1990年代", "1990s"),
        ("2003?", "2003年(存疑)", "2003?"),
        ("2017-08-30/2017-09-06", "2017年8月30日—9月6日", "30 Aug 2017 – 6 Sep 2017"),
        ("[2014,2015]", "[2014,2015]", "[2014,2015]"),
    ],
)
def test_humanize_renders_only_what_the_value_says(value, zh, en):
    assert humanize(value) == zh
    assert humanize(value, lang="en") == en


def test_humanize_rejects_invalid_values():
    with pytest.raises(ValueError):
        humanize("2002-10-32")


FRAGMENTS = [
    "2002年",
    "10月",
    "末",
    "底",
    "初",
    "30日",
    "次年",
    "今年",
    "同年",
    "当年",
    "年初",
    "上半年",
    "一季度",
    "到",
    "~",
    "、",
    ",",
    "5年后",
    "二〇〇三年",
    "三月",
    "号",
    "入职",
    "1年零5个月后",
    "近年",
    "此后",
    "90年代",
    "中",
    "旬",
    "下",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8))
def test_any_mix_of_fragments_gives_valid_values_and_no_invented_day(parts):
    text = "".join(parts)
    for phrase in find_date_phrases(text, base_year=2001, article_date="2017"):
        assert text[phrase.start : phrase.end] == phrase.text
        if phrase.edtf is None:
            continue
        edtf_bounds(phrase.edtf)
        if "日" not in phrase.text and "号" not in phrase.text:
            assert not DAY.search(phrase.edtf), phrase
