"""Hostile files given to import_article: each gets a one-line reason, exit status 1 and no writes."""

import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from archive.models import Article, Paragraph
from tests.security.snapshot import snapshot

pytestmark = pytest.mark.django_db
TEXT = "杨猛2002年加入阿里巴巴。\n现任中国内贸事业部(CBU)联席总经理。\n"


def import_article(path, *args):
    out = StringIO()
    call_command("import_article", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def assert_refused(path, message, *args):
    before = snapshot()
    with pytest.raises(CommandError) as error:
        import_article(path, *args)
    text = str(error.value)
    assert "\n" not in text and message in text, text
    assert snapshot() == before


BAD_FILES = {
    "binary-junk": (
        bytes(random.Random(9).randrange(256) for _ in range(4000)),
        "not plausible UTF-8, GB18030 or Big5",
    ),
    "png-image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary data, not text"),
    "nul-bytes": (b"\x00" * 64, "binary data, not text"),
    "empty": (b"", "empty"),
    "only-blank-lines": (b"  \n\t\n\r\n \xe3\x80\x80\n", "holds no text"),
    "utf-16-without-bom": ("杨猛加入阿里巴巴".encode("utf-16-le"), "not plausible UTF-8, GB18030 or Big5"),
    "latin-1": ("café crème brûlée, déjà vu".encode("latin-1"), "not valid UTF-8, GB18030 or Big5"),
    "broken-utf-8": ("杨猛".encode() + b"\xc3\x28\xff" + "加入".encode(), "not valid UTF-8, GB18030 or Big5"),
    "truncated-utf-8": ("杨猛加入阿里巴巴".encode()[:-1], "not valid"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_refused_with_one_line_and_nothing_written(tmp_path, article, name):
    data, message = BAD_FILES[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    assert_refused(path, f"{name}.txt")
    assert_refused(path, message)


@pytest.mark.parametrize(
    "edtf", ["2017-13-45", "2017-02-30", "tomorrow", "2017/", "9999999-01", "<script>", "2017-01-01T25:00"]
)
def test_an_impossible_publication_date_is_refused(tmp_path, article, edtf):
    path = tmp_path / "ok.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert_refused(path, "published_edtf", "--published-on", edtf)


@translation.override("en")
def test_a_file_over_the_upload_limit_is_refused_before_it_is_read(tmp_path, article, settings):
    settings.ANNALS_MAX_UPLOAD_BYTES = 1000
    path = tmp_path / "big.txt"
    path.write_bytes(("杨猛加入阿里巴巴。" * 60 + "\n").encode())
    assert_refused(path, "big.txt is 1.6\xa0KB")
    assert_refused(path, "the largest file accepted is 1000\xa0bytes")


@translation.override("en")
def test_the_upload_limit_holds_in_the_service_too(article, settings):
    from archive.services.articles import SourceError, article_import

    settings.ANNALS_MAX_UPLOAD_BYTES = 10
    with pytest.raises(SourceError, match="x.txt is 33"):
        article_import(data=b"a" * 33, filename="x.txt")


def test_a_very_long_line_is_one_paragraph_kept_whole(tmp_path):
    rng = random.Random(4)
    line = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(50_000))
    path = tmp_path / "long.txt"
    path.write_text(f"长文\n{line}\n", encoding="utf-8")
    slug = import_article(path, "--title", "长文").split()[-1]
    texts = list(Paragraph.objects.filter(article__slug=slug).values_list("text", flat=True))
    assert texts == ["长文", line]


def test_a_file_with_a_long_run_of_short_lines_is_imported(tmp_path):
    path = tmp_path / "many.txt"
    path.write_text("".join(f"第{n}段。\n" for n in range(3000)), encoding="utf-8")
    slug = import_article(path, "--title", "多段").split()[-1]
    assert Paragraph.objects.filter(article__slug=slug).count() == 3000


def test_script_in_a_plain_text_file_is_kept_as_text(tmp_path):
    lines = ['<script>alert("x")</script>杨猛加入阿里巴巴。', "<img src=x onerror=alert(1)>现任总经理。"]
    path = tmp_path / "xss.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    slug = import_article(path, "--title", "标题").split()[-1]
    assert list(Paragraph.objects.filter(article__slug=slug).values_list("text", flat=True)) == lines


def test_script_and_handlers_in_an_html_page_never_become_paragraphs(tmp_path):
    page = (
        "<html><head><title>杨猛访谈</title><script>alert('head')</script></head><body>"
        "<article><h1>杨猛访谈</h1><p onclick=\"alert('p')\">杨猛2002年加入阿里巴巴，现任中国内贸事业部联席总经理，负责全国的销售团队。</p>"
        "<script>document.write('<p>injected</p>')</script><style>p{color:red}</style>"
        "<p>入职第三个月，杨猛成为“三百大”53名同学中业绩最好的一个，次年拿到全国月度TOP3。</p>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; 是一段写在正文里的文字。后来杨猛调任台州当区域经理。</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    slug = import_article(path).split()[-1]
    texts = " ".join(Paragraph.objects.filter(article__slug=slug).values_list("text", flat=True))
    assert "alert('head')" not in texts and "injected" not in texts and "color:red" not in texts
    assert "onclick" not in texts
    assert "<script>alert(1)</script> 是一段写在正文里的文字" in texts, "escaped text in the page is text"
    assert Article.objects.get(slug=slug).title == "杨猛访谈"
