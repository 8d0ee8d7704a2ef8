"""Seeds imported once per module: 000 and then 001 into an empty archive, through import_article."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from archive.models import Article

SOURCES = Path(__file__).resolve().parents[3] / "archive" / "demo" / "sources"
ORIGINAL = SOURCES / "000_fbf63399b12ced61.txt"
REPRINT = SOURCES / "001_5e1bf93a7904f7fc.txt"


def run_import(path, *args):
    """Run import_article and return its output lines."""
    out = StringIO()
    call_command("import_article", str(path), *args, stdout=out)
    return out.getvalue().strip().splitlines()


@pytest.fixture(scope="module")
def seeds(django_db_setup, django_db_blocker):
    """Import 000 and then 001 once for the module; yield (original, copy, import output of the copy)."""
    with django_db_blocker.unblock(), transaction.atomic():
        original = Article.objects.get(slug=run_import(ORIGINAL, "--published-on", "2017-09")[-1].split()[-1])
        output = run_import(REPRINT, "--published-on", "2017-09-12", "--publish")
        copy = Article.objects.get(slug=output[-1].split()[-1])
        yield original, copy, output
        transaction.set_rollback(True)


SCRIPT_LINE = '<script>alert("annals")</script>只在轉載裡出現的一句話,原文並沒有這句。'


@pytest.fixture(scope="module")
def html_copy(seeds, django_db_blocker):
    """Import a traditional-character web page carrying all of 000 and one line of its own holding <script>."""
    from html import escape

    from archive.services import articles as services
    from tests.textkit.seeds import traditional_html_copy
    from textkit.classify import classify
    from textkit.paragraphs import split_paragraphs

    paragraphs = split_paragraphs(ORIGINAL.read_text(encoding="utf-8"))
    kinds = [c.kind for c in classify(paragraphs)]
    page = traditional_html_copy(paragraphs, kinds, extra=f"<p>{escape(SCRIPT_LINE)}</p>")
    with django_db_blocker.unblock():
        return services.article_import(
            data=page.encode("utf-8"),
            filename="copy.html",
            publish=True,
            published_edtf="2017-10",
            outlet="新聞網",
        )
