"""import_articles: folders, zips and URL lists, each source all-or-nothing, idempotent by fingerprint."""

import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article, Paragraph
from archive.services import sources

from .batches import LIMIT, article_text, write_batch
from .conftest import PAGE, Route

pytestmark = pytest.mark.django_db


def run(*args, verbosity=1):
    """Run import_articles; return (stdout, stderr, whether it exited with an error)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err, verbosity=verbosity)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), str(exc)
    return out.getvalue(), err.getvalue(), None


def refused_lines(output):
    return {line.strip().split(": ", 1)[0]: line for line in output.split("Refused:")[1].splitlines()[1:]}


def test_a_batch_of_100_with_5_broken_imports_95_and_reports_the_5_then_a_rerun_imports_nothing(
    tmp_path, settings
):
    settings.ANNALS_MAX_UPLOAD_BYTES = LIMIT
    broken = write_batch(tmp_path / "batch")
    out, err, error = run(tmp_path / "batch")
    assert Article.objects.count() == 95
    assert "Imported 95 articles." in out
    assert error == "5 of 100 sources refused (listed above)"
    refused = refused_lines(out)
    assert sorted(refused) == sorted(broken)
    assert "binary data" in refused["broken.txt"]
    assert "empty" in refused["empty.txt"]
    assert "ANNALS_MAX_UPLOAD_BYTES" in refused["oversized.txt"]
    assert "ANNALS_MAX_UPLOAD_BYTES" in refused["saved.zip/pages/bomb.txt"]
    assert "holds no text" in refused["saved.zip/pages/nothing.html"]
    copies = Article.objects.filter(reprint_of__isnull=False).select_related("reprint_of")
    assert sorted(a.reprint_of.title for a in copies) == [f"第{n}号公司的故事" for n in (1, 2, 3)]
    assert "Reprints found: 3" in out and f"{copies[0].slug} reprints {copies[0].reprint_of.slug}" in out
    assert "100/100" in err

    paragraphs = Paragraph.objects.count()
    again, _err, error = run(tmp_path / "batch")
    assert (Article.objects.count(), Paragraph.objects.count()) == (95, paragraphs)
    assert "Imported 0 articles." in again and "Already in the archive, not imported again: 95" in again
    slug = Article.objects.get(raw_filename="a001.txt").slug
    assert f"a001.txt: already in the archive: {slug}" in again
    assert error == "5 of 100 sources refused (listed above)"


def test_each_kind_of_file_keeps_what_its_source_says(tmp_path, settings):
    settings.ANNALS_MAX_UPLOAD_BYTES = LIMIT
    write_batch(tmp_path / "batch")
    run(*(tmp_path / "batch" / name for name in ("a086.md", "a005.txt", "a085.html")))
    markdown = Article.objects.get(raw_filename="a086.md")
    assert (markdown.title, markdown.author, markdown.published_edtf) == ("第86号", "王五", "2016-05-04")
    assert Article.objects.get(raw_filename="a005.txt").raw_encoding == "gb18030"
    assert Article.objects.get(raw_filename="a085.html").title == "第85号公司的故事"


def test_verbosity_0_shows_no_progress_and_2_a_line_per_source(tmp_path):
    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    out, err, error = run(tmp_path, verbosity=0)
    assert (err, error) == ("", None) and "Imported 1 articles." in out
    (tmp_path / "b.txt").write_text(article_text(2), encoding="utf-8")
    out, err, _ = run(tmp_path, verbosity=2)
    assert "b.txt: imported as" in out and "2/2" in err


def test_a_dry_run_reports_and_writes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    out, _err, _ = run(tmp_path, "--dry-run")
    assert "Would import 1 articles." in out
    assert not Article.objects.exists()


@pytest.mark.parametrize("member", ["/etc/passwd.txt", "../outside.txt", "pages/../../up.txt"])
def test_zip_members_with_unsafe_paths_are_refused_without_reading(tmp_path, member):
    path = tmp_path / "unsafe.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, article_text(1))
        archive.writestr("fine.txt", article_text(2))
    report = sources.articles_import_batch(items=sources.batch_items([path]))
    assert [name for name, _ in report.imported] == ["fine.txt"]
    assert report.refused == [(member, "an unsafe path in the zip (absolute or with ..)")]


def test_files_that_are_not_sources_by_name_are_skipped_and_hidden_ones_ignored(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    report = sources.articles_import_batch(items=sources.batch_items([tmp_path]))
    assert (len(report.imported), report.skipped, report.refused) == (1, ["page_files/logo.png"], [])


def test_a_text_file_of_urls_is_fetched_line_by_line(tmp_path, server, allow_private):
    server.routes["/one"] = Route(PAGE.encode(), headers={"Content-Type": "text/html"})
    server.routes["/two"] = Route(b"\x89PNG", headers={"Content-Type": "image/png"})
    listing = tmp_path / "links.txt"
    listing.write_text(f"# saved links\n{server.url('/one')}\n\n{server.url('/two')}  # a logo\n")
    out, _err, error = run(listing)
    article = Article.objects.get()
    assert (article.url, article.retrieved_at is not None) == (server.url("/one"), True)
    assert f"{server.url('/two')}: " in out and "image/png is not a page or text" in out
    assert error == "1 of 2 sources refused (listed above)"


def test_a_missing_path_is_a_one_line_error():
    with pytest.raises(CommandError, match="no-such-folder: no such file or folder"):
        call_command("import_articles", "no-such-folder", stdout=StringIO(), stderr=StringIO())
