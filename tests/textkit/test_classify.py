"""Paragraph classification on the seed articles and small cases."""

import pytest

from tests.textkit.seeds import original, original_text, reprint, reprint_text  # noqa: F401 (fixtures)
from textkit.classify import Classified, classify, dedupe_sentences, sentence_repeats
from textkit.fold import fold, sentences

# 1-based line numbers of the original (000) seed.
ORIGINAL_DUPLICATES = {1, 2}
ORIGINAL_CAPTIONS = {25: 26, 34: 33, 41: 40, 73: 72, 89: 88, 95: 94, 125: 124}
ORIGINAL_HEADINGS = {15, 43, 57, 75, 91, 112}
REPEATED = "戴珊是马云的学生,当年与丈夫追随马云创业,夫妻二人都是阿里巴巴十八罗汉成员。"


@pytest.fixture(scope="module")
def original_kinds(original):
    return classify(original)


@pytest.fixture(scope="module")
def reprint_kinds(reprint):
    return dict(zip(reprint, classify(reprint)))


def test_original_kinds_are_exactly_the_expected_ones(original_kinds):
    expected = dict.fromkeys(ORIGINAL_DUPLICATES, "duplicate")
    expected |= dict.fromkeys(ORIGINAL_CAPTIONS, "caption") | dict.fromkeys(ORIGINAL_HEADINGS, "heading")
    assert {n: c.kind for n, c in enumerate(original_kinds, 1) if c.kind != "body"} == expected


def test_truncated_lead_points_at_the_full_paragraph(original_kinds):
    assert original_kinds[0].kind == original_kinds[1].kind == "duplicate"
    assert original_kinds[1].note == "truncated copy of paragraph 4"
    assert original_kinds[2].kind == original_kinds[3].kind == "body"


def test_captions_name_the_paragraph_they_restate(original_kinds):
    for line, source in ORIGINAL_CAPTIONS.items():
        assert original_kinds[line - 1].note == f"restates paragraph {source}"


def test_reprint_header_is_boilerplate_or_metadata(reprint, reprint_kinds):
    assert reprint_kinds["山东庆云鑫恒兴机床附件制造厂"].kind == "boilerplate"
    assert reprint_kinds["为何着眼中小型B2B服务?"].kind in ("metadata", "heading")
    assert reprint_kinds["发布时间:2017-09-12 13:32"].kind == "metadata"


def test_reprint_footer_is_boilerplate(reprint, reprint_kinds):
    footer = [p for p in reprint if "公司简介" in p or "Copyright" in p or "网站地图" in p]
    assert len(footer) == 3
    assert {reprint_kinds[p].kind for p in footer} == {"boilerplate"}


def test_reprint_repeated_sentence_is_marked_but_stays_body(reprint, reprint_kinds):
    line = next(p for p in reprint if p.startswith(REPEATED + REPEATED[:4]))
    assert reprint_kinds[line] == Classified("body", "sentence repeated 2 times", 2)
    assert dedupe_sentences(line) == REPEATED


def test_reprint_body_and_heading(reprint, reprint_kinds):
    assert reprint_kinds["摔过的跟头"].kind == "heading"
    body = [p for p in reprint if reprint_kinds[p].kind == "body"]
    assert len(body) == 37 and not any(reprint_kinds[p].kind == "caption" for p in reprint)


def test_three_repeats_are_counted():
    text = "甲乙丙丁戊己庚。" * 3 + "然后另说一句话吧。"
    assert sentence_repeats(text) == 3
    assert classify(["一个普通的开头段落,说了一些事情。", text])[1].repeats == 3
    assert dedupe_sentences(text) == "甲乙丙丁戊己庚。然后另说一句话吧。"


def test_repeated_paragraph_later_is_the_duplicate():
    paragraphs = [
        "第一段正文写了很多很多的内容。",
        "第二段正文也写了很多内容。",
        "第一段正文写了很多很多的内容。",
    ]
    assert [c.kind for c in classify(paragraphs)] == ["body", "body", "duplicate"]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("来源:新华网", "metadata"),
        ("作者: 张三  编辑: 李四", "metadata"),
        ("2017-09-12 13:32", "metadata"),
        ("首页 | 新闻 | 联系我们", "boilerplate"),
        ("Copyright © 2017 某某公司", "boilerplate"),
        ("浙ICP备12345678号", "boilerplate"),
        ("© 某网站", "boilerplate"),
    ],
)
def test_metadata_and_boilerplate_lines(line, kind):
    paragraphs = ["这是一个足够长的正文段落,讲述公司的历史和人物。"] * 1 + [line]
    assert classify(paragraphs)[1].kind == kind


def test_a_sentence_ending_line_is_not_a_heading():
    paragraphs = ["短句结尾有句号。", "这是一个足够长的正文段落,讲述公司的历史和人物的经历。"]
    assert classify(paragraphs)[0].kind == "body"


def test_fold_joins_scripts_widths_and_case():
    assert (
        fold("「中國供應商」ＡＢＣ，Hello World 2002")
        == fold("“中国供应商”abc, hello world 2002")
        == "中国供应商abchelloworld2002"
    )


def test_sentences_keep_quotations_whole():
    text = "“你能想象,开始时有多难。产品是服务。”杨猛说,很多新人被推出了门。他没犹豫!"
    assert sentences(text) == [
        "“你能想象,开始时有多难。产品是服务。”",
        "杨猛说,很多新人被推出了门。",
        "他没犹豫!",
    ]
