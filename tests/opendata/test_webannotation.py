"""W3C Web Annotations: every public annotation of the demo out, the MUSTs, selectors, and back in."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Annotation, Article
from archive.services.annotation_rows import ImportFailed
from archive.services.webannotations import article_text, webannotations_import
from reading.webannotation import MEDIA_TYPE
from tests.opendata import w3c

FIXTURES = Path(__file__).parent / "fixtures"


def public_ids():
    return list(Annotation.objects.public().values_list("pk", flat=True))


def test_every_public_annotation_passes_the_must_checks(client, demo):
    ids = public_ids()
    assert len(ids) > 100
    failures = {}
    for pk in ids:
        response = client.get(f"/annotations/{pk}")
        assert response.status_code == 200
        assert response["Content-Type"] == MEDIA_TYPE
        errors = w3c.check_annotation(response.json())
        if errors:
            failures[pk] = errors
    assert failures == {}


def test_quote_with_its_prefix_and_suffix_is_unique_in_the_whole_article(client, demo):
    texts = {}
    for pk in public_ids():
        annotation = Annotation.objects.select_related("paragraph__article").get(pk=pk)
        article = annotation.paragraph.article
        if article.pk not in texts:
            texts[article.pk] = article_text(article.paragraphs.order_by("position"))[0]
        data = client.get(f"/annotations/{pk}").json()
        quote, position = data["target"]["selector"]
        assert data["target"]["source"].endswith(f"#p-{annotation.paragraph.position}")
        assert annotation.paragraph.text[position["start"] : position["end"]] == quote["exact"]
        assert texts[article.pk].count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1, pk


def test_utf16_offsets_appear_where_they_differ_from_code_points(client, demo):
    annotation = Annotation.objects.public().select_related("paragraph").first()
    paragraph = annotation.paragraph
    paragraph.text = "𠀀" + paragraph.text
    paragraph.save()
    Annotation.objects.filter(pk=annotation.pk).update(start=annotation.start + 1, end=annotation.end + 1)
    position = client.get(f"/annotations/{annotation.pk}").json()["target"]["selector"][1]
    assert position["utf16Start"] == position["start"] + 1 and position["utf16End"] == position["end"] + 1


def test_a_non_public_annotation_is_a_404(client, demo):
    draft = Annotation.objects.public().first()
    Annotation.objects.filter(pk=draft.pk).update(status=Annotation.Status.DRAFT)
    assert client.get(f"/annotations/{draft.pk}").status_code == 404
    assert client.get("/annotations/999999").json() == {"error": "not found"}


def test_a_browser_asking_for_html_is_sent_to_the_cited_sentence(client, demo):
    pk = public_ids()[0]
    response = client.get(f"/annotations/{pk}", HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert response.status_code == 303 and f"hl={pk}" in response["Location"]


def test_the_collection_pages_over_every_public_annotation_of_the_article(client, demo):
    article = Article.objects.get(slug="alibaba-b2b-18-years")
    collection = client.get(f"/articles/{article.slug}/annotations.jsonld").json()
    assert w3c.check_collection(collection) == []
    items, page = [], collection["first"]
    assert w3c.check_page(page, embedded=True) == []
    while True:
        items += page["items"]
        for item in page["items"]:
            assert w3c.check_annotation(item, embedded=True) == []
        if "next" not in page:
            break
        page = client.get(page["next"]).json()
        assert w3c.check_page(page) == []
    expected = Annotation.objects.public().filter(paragraph__article=article).count()
    assert collection["total"] == len(items) == expected


def export(client, article):
    """Return every public annotation of the article as one W3C list, via the public collection."""
    page, items = client.get(f"/articles/{article.slug}/annotations.jsonld").json()["first"], []
    while True:
        items += page["items"]
        if "next" not in page:
            return items
        page = client.get(page["next"]).json()


def signature(queryset):
    fields = (
        "paragraph_id",
        "start",
        "end",
        "quote",
        "person_id",
        "role_id",
        "event_id",
        "organization_id",
        "body",
    )
    return sorted(queryset.values_list(*fields), key=repr)


@pytest.mark.parametrize("slug", ["alibaba-b2b-18-years", "alibaba-b2b-18-years-reprint-qingyun"])
def test_round_trip_out_and_in_recreates_the_same_annotations(client, demo, reviewer, slug):
    article = Article.objects.get(slug=slug)
    exported = export(client, article)
    published = Annotation.objects.public().filter(paragraph__article=article)
    before = signature(published)
    published.delete()
    counts = webannotations_import(data=exported, article=article, user=reviewer, status="published")
    assert counts == {"created": len(before), "unchanged": 0}
    assert signature(Annotation.objects.public().filter(paragraph__article=article)) == before
    again = webannotations_import(data=exported, article=article, user=reviewer, status="published")
    assert again == {"created": 0, "unchanged": len(before)}


def hypothesis_fixture():
    return json.loads((FIXTURES / "hypothesis_export.json").read_text(encoding="utf-8"))


def test_a_hypothesis_export_imports_anchored_by_quote(demo, editor):
    article = Article.objects.get(slug="alibaba-b2b-18-years")
    before = Annotation.objects.count()
    counts = webannotations_import(data=hypothesis_fixture(), article=article, user=editor)
    assert counts["created"] == 3
    new = Annotation.objects.order_by("-pk")[:3]
    assert {a.status for a in new} == {"draft"}
    for annotation in new:
        assert annotation.paragraph.text[annotation.start : annotation.end] == annotation.quote
    assert Annotation.objects.count() == before + 3
    kinds = sorted(a.target_kind for a in new)
    assert kinds == ["note", "organization", "person"]


def test_a_bad_hypothesis_export_fails_row_by_row_writing_nothing(demo, editor):
    article = Article.objects.get(slug="alibaba-b2b-18-years")
    data = hypothesis_fixture()
    data["annotations"][0]["target"][0]["selector"][2]["exact"] = "这句话不在文章里出现过"
    data["annotations"][1]["tags"] = ["某位无名氏"]
    data["annotations"][2]["uri"] = data["annotations"][2]["target"][0]["source"] = (
        "https://elsewhere.example/x"
    )
    before = Annotation.objects.count()
    with pytest.raises(ImportFailed) as failed:
        webannotations_import(data=data, article=article, user=editor)
    assert [(e.line, e.column) for e in failed.value.errors] == [
        (1, "target.selector"),
        (2, "body"),
        (3, "target.source"),
    ]
    assert Annotation.objects.count() == before


def test_the_command_imports_dry_runs_and_refuses_bad_input(demo, editor, tmp_path, capsys):
    path = tmp_path / "h.json"
    path.write_text(json.dumps(hypothesis_fixture(), ensure_ascii=False), encoding="utf-8")
    before = Annotation.objects.count()
    call_command("import_webannotations", str(path), "--article", "alibaba-b2b-18-years", "--dry-run")
    assert "Would import h.json: 3 new" in capsys.readouterr().out
    assert Annotation.objects.count() == before
    with pytest.raises(CommandError, match="no article"):
        call_command("import_webannotations", str(path), "--article", "nope")
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="as JSON"):
        call_command("import_webannotations", str(path), "--article", "alibaba-b2b-18-years")
