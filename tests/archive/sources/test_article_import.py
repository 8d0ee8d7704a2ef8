"""article_import reads through textkit.sources: metadata from the source, dates dated only honestly."""

import pytest

from archive.services.articles import article_import, published_from

pytestmark = pytest.mark.django_db
BODY = "2011年，创始人在北京中关村的一间小办公室里开始写第一篇文章，那时团队只有三个人。"


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("2017年9月12日", ("2017年9月12日", "2017-09-12")),
        ("2022-02-19 10:12", ("2022-02-19 10:12", "2022-02-19")),
        ("2017-09-12T08:00:00+08:00", ("2017-09-12T08:00:00+08:00", "2017-09-12")),
        ("十月末", ("十月末", "")),
        ("上周三", ("上周三", "")),
        ("", ("", "")),
    ],
)
def test_a_printed_publication_date_gets_an_edtf_value_only_when_read_exactly(printed, expected):
    assert published_from(printed) == expected


def test_front_matter_gives_title_author_and_date_unless_the_editor_gave_them():
    page = f"+++\ntitle = '一家公司'\nauthor = \"张三\"\ndate = '2019-04-01'\n+++\n\n{BODY}\n".encode()
    article = article_import(data=page, filename="a.md")
    assert (article.title, article.author, article.published_text, article.published_edtf) == (
        "一家公司",
        "张三",
        "2019-04-01",
        "2019-04-01",
    )
    given = article_import(
        data=page + b"\n", filename="b.md", title="[题]", author="李四", published_edtf="2019"
    )
    assert (given.title, given.author, given.published_edtf) == ("[题]", "李四", "2019")


def test_paragraph_kinds_come_from_the_source_and_the_override_still_wins():
    page = f"---\ntitle: 标题\n---\n\n# 第一部分\n\n{BODY}\n".encode()
    article = article_import(data=page, filename="a.md")
    assert list(article.paragraphs.values_list("kind", flat=True)) == ["heading", "body"]
    forced = article_import(data=page + b"\n", filename="b.md", kinds={1: "body"})
    assert list(forced.paragraphs.values_list("kind", flat=True)) == ["body", "body"]
