"""Acceptance of issue 7 on the seeds: 000 and then 001 imported into an empty archive."""

import re

import pytest

from archive import public
from archive.models import Alignment, Annotation, Article, ShingleKey
from archive.services.annotations import annotation_create
from archive.services.reprints import original_of, reprint_candidates
from people.models import Person
from textkit.classify import dedupe_sentences
from textkit.paragraphs import split_paragraphs

from .conftest import ORIGINAL, REPRINT, run_import

pytestmark = pytest.mark.django_db
# 001 paragraph position -> the 000 positions it merges, in the order it quotes them.
MERGED = {8: [70, 45], 24: [64, 53]}


def expected_sources():
    """Return {001 position: [000 positions]}: exact line matches after dropping repeats, and the two merges."""
    lines = {}
    for n, text in enumerate(split_paragraphs(ORIGINAL.read_text(encoding="utf-8")), 1):
        lines.setdefault(text, n)
    expected = dict(MERGED)
    for n, text in enumerate(split_paragraphs(REPRINT.read_text(encoding="utf-8")), 1):
        if n not in MERGED and dedupe_sentences(text) in lines:
            expected[n] = [lines[dedupe_sentences(text)]]
    return expected


def sources_by_position(article):
    got = {}
    for link in (
        Alignment.objects.filter(paragraph__article=article)
        .select_related("paragraph", "source")
        .order_by("paragraph__position", "rank")
    ):
        got.setdefault(link.paragraph.position, []).append(link.source.position)
    return got


def test_import_reports_the_reprint_and_prints_the_slug_last(seeds):
    original, copy, output = seeds
    assert copy.reprint_of == original
    assert re.fullmatch(rf"reprint of {original.slug} \(similarity 0\.9\d\)", output[-2])
    assert output[-1].split()[-1] == copy.slug and copy.reprint_similarity > 0.9


def test_every_body_paragraph_of_the_copy_is_aligned_to_its_source(seeds):
    _, copy, _ = seeds
    got = sources_by_position(copy)
    body = {p.position for p in copy.paragraphs.filter(kind__in=["body", "heading"])}
    assert got == expected_sources()
    assert body <= set(got) and len(body) == 38
    for paragraph in copy.paragraphs.filter(position__in=got):
        assert paragraph.aligned_to.position in got[paragraph.position] and paragraph.similarity >= 0.99


def test_merged_lines_have_an_alignment_row_for_each_source_in_order(seeds):
    got = sources_by_position(seeds[1])
    assert got[8] == [70, 45] and got[24] == [64, 53]


def test_site_title_date_navigation_and_copyright_are_never_aligned(seeds):
    _, copy, _ = seeds
    kinds = dict(copy.paragraphs.values_list("position", "kind"))
    assert {kinds[1], kinds[2], kinds[3]} <= {"metadata", "boilerplate"} and kinds[3] == "metadata"
    assert [kinds[n] for n in (43, 44, 45, 46)] == ["boilerplate"] * 4
    unaligned = copy.paragraphs.filter(position__in=[1, 2, 3, 43, 44, 45, 46])
    assert not unaligned.filter(aligned_to__isnull=False).exists()
    assert not Alignment.objects.filter(paragraph__in=unaligned).exists()


def test_thrice_repeated_sentence_is_marked_and_not_evidence(seeds):
    _, copy, _ = seeds
    line = copy.paragraphs.get(position=31)
    assert line.kind == "duplicate" and "3 times" in line.kind_note
    mention = annotation_create(paragraph=line, quote="戴珊", person=Person.objects.create(name="戴珊"))
    assert not Annotation.objects.filter(pk=mention.pk).evidence().exists()


def test_original_scraping_artefacts_are_marked(seeds):
    kinds = dict(seeds[0].paragraphs.values_list("position", "kind"))
    assert kinds[1] == kinds[2] == "duplicate"
    assert [n for n, kind in kinds.items() if kind == "caption"] == [25, 34, 41, 73, 89, 95, 125]
    assert [n for n, kind in kinds.items() if kind == "heading"] == [15, 43, 57, 75, 91, 112]


def test_captions_and_duplicate_lead_are_not_counted_as_evidence(seeds):
    original = seeds[0]
    Article.objects.filter(pk=original.pk).update(is_published=True)
    person = Person.objects.create(name="杨猛")
    caption, body = original.paragraphs.get(position=25), original.paragraphs.get(position=26)
    published = Annotation.Status.PUBLISHED
    for paragraph in (caption, body):
        annotation_create(paragraph=paragraph, quote="杨猛", person=person, status=published)
    lead = original.paragraphs.get(position=2)
    annotation_create(paragraph=lead, quote=lead.text[:6], body="lead", status=published)
    assert list(
        Annotation.objects.filter(paragraph__article=original)
        .evidence()
        .values_list("paragraph__position", flat=True)
    ) == [26]


def test_only_the_article_text_is_indexed(seeds):
    _, copy, _ = seeds
    assert ShingleKey.objects.filter(article=copy).exists()
    assert reprint_candidates(text="Copyright 2015-2016 山东庆云鑫恒兴机床附件制造厂 版权所有") == []


def test_a_copy_of_a_copy_points_to_the_first_original(seeds):
    original, copy, _ = seeds
    output = run_import(REPRINT, "--title", "第三份")
    third = Article.objects.get(slug=output[-1].split()[-1])
    assert third.reprint_of == original and original_of(copy) == original
    assert {c.article_id for c in reprint_candidates(text=REPRINT.read_text(encoding="utf-8"))} >= {
        original.pk,
        copy.pk,
        third.pk,
    }


def test_an_unrelated_article_is_no_reprint(seeds, tmp_path):
    path = tmp_path / "other.txt"
    path.write_text(
        "今天天气很好,我们去公园散步,然后回家吃饭睡觉。\n第二天又下起了雨,大家都留在家里读书写字。\n",
        encoding="utf-8",
    )
    output = run_import(path)
    article = Article.objects.get(slug=output[-1].split()[-1])
    assert article.reprint_of is None and len(output) == 1
    assert not Alignment.objects.filter(paragraph__article=article).exists()


def test_dry_run_reports_the_reprint_and_writes_nothing(seeds):
    before = (Article.objects.count(), ShingleKey.objects.count(), Alignment.objects.count())
    output = run_import(REPRINT, "--dry-run")
    assert output[-2].startswith(f"reprint of {seeds[0].slug} ") and output[-1].startswith("Would import")
    assert (Article.objects.count(), ShingleKey.objects.count(), Alignment.objects.count()) == before


def test_public_citations_of_a_role_skip_the_caption_that_repeats_the_body(seeds):
    from people.models import Role

    original = seeds[0]
    original.is_published = True
    original.save(update_fields=["is_published"])
    role = Role.objects.create(person=Person.objects.create(name="杨猛"), title="联席总经理")
    for position in (25, 26):
        annotation_create(
            paragraph=original.paragraphs.get(position=position),
            quote="联席总经理",
            role=role,
            status=Annotation.Status.PUBLISHED,
        )
    cited = public.roles_with_citations().get(pk=role.pk).citations
    assert [a.paragraph.position for a in cited] == [26]
