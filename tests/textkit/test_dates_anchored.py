"""此后N年 counts from the last date mentioned; the explanation of a bare 此后 is Chinese too."""

from textkit.dates import resolve_paragraphs


def _phrases(text):
    return [(d.text, d.edtf) for d in resolve_paragraphs([text], None)[0]]


def test_years_after_then_count_from_the_last_date():
    found = _phrases("2010年小米成立，三年后推出手机，此后两年又上市，同年裁员，次年收购。")
    assert found == [
        ("2010年", "2010"),
        ("三年后", "2013"),
        ("此后两年", "2015"),
        ("同年", "2015"),
        ("次年", "2016"),
    ]
    assert _phrases("MIUI于2010年8月16日发布，此后三年，小米推出了第一款手机。")[-1] == ("此后三年", "2013")


def test_a_span_of_years_after_is_not_a_point_and_a_bare_then_stays_open():
    found = resolve_paragraphs(["2015年公司成立。此后3年的时间里，公司亏损。"], None)[0]
    assert [(d.text, d.edtf) for d in found] == [("2015年", "2015"), ("此后", None)]
    assert found[-1].explain("zh") == "此后未能定年：上文最近日期2015之后；未给终点"


def test_year_and_months_joined_by_you_still_read_as_one_duration():
    found = _phrases("2016年3月入职，1年又3个月后升职。")
    assert found[-1][0] == "1年又3个月后"
