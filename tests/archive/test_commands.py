import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.models import Annotation, Article, Paragraph
from people.models import Person, Role

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "archive" / "demo" / "sources" / "001_5e1bf93a7904f7fc.txt"
TEXT = "杨猛2002年加入阿里巴巴。\n\n现任中国内贸事业部(CBU)联席总经理。\n"


def run_import(path, *args):
    out = StringIO()
    call_command("import_article", str(path), *args, stdout=out)
    return out.getvalue()


def counts():
    return Article.objects.count(), Paragraph.objects.count()


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_import_article_reads_text_and_prints_slug_last(tmp_path, encoding, bom, newline):
    path = tmp_path / "yang.txt"
    path.write_bytes(bom + TEXT.replace("\n", newline).encode(encoding))
    output = run_import(path, "--title", "杨猛访谈", "--published-on", "2017-09-12", "--publish")
    slug = output.strip().splitlines()[-1].split()[-1]
    article = Article.objects.get(slug=slug)
    assert slug == "yang-meng-fang-tan"
    assert [p.text for p in article.paragraphs.all()] == [
        "杨猛2002年加入阿里巴巴。",
        "现任中国内贸事业部(CBU)联席总经理。",
    ]
    assert article.raw_file.tobytes() if hasattr(article.raw_file, "tobytes") else article.raw_file
    assert article.is_published and str(article.published_lower) == "2017-09-12"


def test_import_article_keeps_the_raw_file(tmp_path):
    data = TEXT.encode("gb18030")
    path = tmp_path / "gbk.txt"
    path.write_bytes(data)
    slug = run_import(path).split()[-1]
    article = Article.objects.get(slug=slug)
    assert bytes(article.raw_file) == data and article.raw_encoding == "gb18030"


def test_import_seed_reprint():
    slug = run_import(SEED, "--published-on", "2017-09-12").split()[-1]
    assert Article.objects.get(slug=slug).paragraphs.count() == 46


@pytest.mark.parametrize(
    "content,message",
    [
        (None, "cannot read"),
        (b"", "empty"),
        (b"\xff\xfe\x00\x00\x81\x00junk\x00\x01\x02", "undecodable byte 0x81 at offset 4"),
        (b"\x80\x81\xfe\xff" * 40, "not valid UTF-8, GB18030 or Big5 text"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    before = counts()
    with pytest.raises(CommandError, match=message):
        run_import(path)
    assert counts() == before


def test_bad_publication_date_is_refused(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match="is not valid EDTF"):
        run_import(path, "--published-on", "2017-13-45")
    assert counts() == (0, 0)


def test_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert "Would import" in run_import(path, "--dry-run")
    assert counts() == (0, 0)


def test_command_exits_non_zero_with_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "import_article", str(tmp_path / "missing.txt")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and "cannot read" in result.stderr


def test_load_demo_twice_leaves_identical_counts():
    call_command("load_demo", verbosity=0)
    first = {m: m.objects.count() for m in (Article, Paragraph, Person, Role, Annotation)}
    call_command("load_demo", verbosity=0)
    second = {m: m.objects.count() for m in (Article, Paragraph, Person, Role, Annotation)}
    assert first == second
    assert first[Article] == 2 and first[Annotation] > 0


def test_load_demo_holds_the_five_careers_with_citations():
    call_command("load_demo", verbosity=0)
    for name in ["杨猛", "戴珊", "沈涤凡", "余涌", "王建勋"]:
        person = Person.objects.get(name=name)
        roles = person.roles.all()
        assert roles, f"{name} has no roles"
        for role in roles:
            cited = role.annotations.filter(status=Annotation.Status.PUBLISHED)
            assert cited.exists(), f"{role} has no published citation"
            for annotation in cited:
                assert annotation.paragraph.text[annotation.start : annotation.end] == annotation.quote


def test_demo_editor_prints_login(db):
    out = StringIO()
    call_command("demo_editor", stdout=out)
    assert "user: editor" in out.getvalue() and "password:" in out.getvalue()
