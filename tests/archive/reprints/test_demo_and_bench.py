"""The demo archive's reprint is aligned on load, keeping curated kinds; the lookup bench runs."""

import pytest
from django.core.management import call_command

from archive.models import Alignment, Article, ShingleKey
from bench.reprint_lookup import measure

pytestmark = pytest.mark.django_db
COPY = "alibaba-b2b-18-years-reprint-qingyun"


def test_load_demo_aligns_the_reprint_and_keeps_curated_kinds():
    call_command("load_demo", verbosity=0)
    copy = Article.objects.get(slug=COPY)
    assert copy.reprint_of.slug == "alibaba-b2b-18-years" and copy.reprint_similarity > 0.9
    kinds = dict(copy.paragraphs.values_list("position", "kind"))
    assert kinds[1] == kinds[2] == kinds[3] == "metadata" and kinds[31] == "duplicate"
    merged = Alignment.objects.filter(paragraph__article=copy, paragraph__position=8).order_by("rank")
    assert [link.source.position for link in merged] == [70, 45]
    assert not copy.paragraphs.filter(kind="body", alignments__isnull=True).exists()


def test_load_demo_twice_keeps_one_alignment_per_source():
    call_command("load_demo", verbosity=0)
    first = (Alignment.objects.count(), ShingleKey.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Alignment.objects.count(), ShingleKey.objects.count()) == first and first[0] > 40


def test_bench_measures_lookup_at_each_size_and_leaves_no_rows(capsys):
    figures = measure(sizes=(3, 12))
    assert set(figures) == {"reprint_lookup_3_ms", "reprint_lookup_12_ms", "reprint_lookup_growth_4x"}
    assert all(value > 0 for value in figures.values())
    assert "ratio 12 / 3 articles" in capsys.readouterr().out
    assert not Article.objects.exists() and not ShingleKey.objects.exists()
