"""The admin side of the workbench: links, stale saves refused, paragraph edits re-anchor, review rights."""

import pytest
from django.urls import reverse

from archive.models import Annotation, Paragraph
from tests import factories

pytestmark = pytest.mark.django_db
Status = Annotation.Status


@pytest.fixture
def mention(article):
    return factories.cite(
        article.paragraphs.get(position=3), "杨猛", status=Status.DRAFT, person=factories.person()
    )


def annotation_data(annotation, **changes):
    data = {
        "paragraph": annotation.paragraph_id,
        "quote": annotation.quote,
        "prefix": annotation.prefix,
        "suffix": annotation.suffix,
        "start": annotation.start,
        "end": annotation.end,
        "person": annotation.person_id,
        "body": "",
        "comment": "",
        "status": annotation.status,
        "expected_version": annotation.version,
    }
    return {**data, **changes}


def paragraph_data(paragraph, **changes):
    data = {
        "article": paragraph.article_id,
        "position": paragraph.position,
        "text": paragraph.text,
        "kind": paragraph.kind,
        "kind_note": "",
        "expected_version": paragraph.version,
        "alignments-TOTAL_FORMS": 0,
        "alignments-INITIAL_FORMS": 0,
        "alignments-MIN_NUM_FORMS": 0,
        "alignments-MAX_NUM_FORMS": 1000,
    }
    return {**data, **changes}


def test_article_list_and_change_page_link_to_the_workbench(client, editor, article):
    client.force_login(editor)
    workbench = reverse("workbench:annotate", args=[article.pk])
    assert workbench in client.get(reverse("admin:archive_article_changelist")).content.decode()
    assert (
        workbench in client.get(reverse("admin:archive_article_change", args=[article.pk])).content.decode()
    )


def test_a_paragraph_and_an_annotation_open_the_workbench_on_their_paragraph(client, editor, mention):
    client.force_login(editor)
    on_paragraph = reverse("workbench:annotate", args=[mention.paragraph.article_id]) + "#wb-p3"
    paragraph_page = client.get(reverse("admin:archive_paragraph_change", args=[mention.paragraph_id]))
    annotation_page = client.get(reverse("admin:archive_annotation_change", args=[mention.pk]))
    assert on_paragraph in paragraph_page.content.decode()
    assert on_paragraph in annotation_page.content.decode()


def test_second_admin_save_of_an_annotation_is_refused_and_the_first_kept(client, editor, reviewer, mention):
    url = reverse("admin:archive_annotation_change", args=[mention.pk])
    opened_at = annotation_data(mention)
    client.force_login(reviewer)
    assert client.post(url, {**opened_at, "comment": "first"}).status_code == 302
    client.force_login(editor)
    response = client.post(url, {**opened_at, "comment": "second"})
    assert response.status_code == 200 and "Your changes were not saved" in response.content.decode()
    mention.refresh_from_db()
    assert (mention.comment, mention.version) == ("first", 2)


def test_editor_cannot_publish_in_the_annotation_form(client, editor, mention):
    client.force_login(editor)
    form = client.get(reverse("admin:archive_annotation_change", args=[mention.pk])).content.decode()
    assert 'value="published"' not in form
    response = client.post(
        reverse("admin:archive_annotation_change", args=[mention.pk]),
        annotation_data(mention, status=Status.PUBLISHED),
    )
    assert response.status_code == 200
    mention.refresh_from_db()
    assert mention.status == Status.DRAFT


def test_editing_a_paragraph_in_the_admin_reanchors_and_orphans(client, editor, mention):
    paragraph = mention.paragraph
    client.force_login(editor)
    url = reverse("admin:archive_paragraph_change", args=[paragraph.pk])
    response = client.post(url, paragraph_data(paragraph, text="后来调任台州当区域经理。"), follow=True)
    assert "orphan queue" in response.content.decode()
    mention.refresh_from_db()
    assert mention.orphaned and Annotation.objects.filter(orphaned=True).count() == 1
    queue = client.get(
        reverse("admin:archive_annotation_changelist"), {"orphaned__exact": "1"}
    ).content.decode()
    assert "杨猛" in queue


def test_second_admin_save_of_a_paragraph_is_refused_and_the_first_kept(client, editor, reviewer, mention):
    paragraph = mention.paragraph
    url = reverse("admin:archive_paragraph_change", args=[paragraph.pk])
    opened_at = paragraph_data(paragraph)
    client.force_login(reviewer)
    assert client.post(url, {**opened_at, "text": "2004年,后来杨猛调任台州当区域经理。"}).status_code == 302
    client.force_login(editor)
    response = client.post(url, {**opened_at, "text": "别的"})
    assert response.status_code == 200 and "Your changes were not saved" in response.content.decode()
    paragraph.refresh_from_db()
    mention.refresh_from_db()
    assert paragraph.text.startswith("2004年") and (mention.start, mention.quote) == (8, "杨猛")


def test_correcting_text_in_the_article_inline_reanchors(client, editor, article, mention):
    paragraphs = list(article.paragraphs.all())
    data = {
        "title": article.title,
        "published_text": "2017",
        "published_edtf": "2017",
        "language": "zh",
        "script": "simplified",
        "is_published": "on",
        "paragraphs-TOTAL_FORMS": 3,
        "paragraphs-INITIAL_FORMS": 3,
        "paragraphs-MIN_NUM_FORMS": 0,
        "paragraphs-MAX_NUM_FORMS": 1000,
    }
    for i, p in enumerate(paragraphs):
        text = "那年秋天," + p.text if p.pk == mention.paragraph_id else p.text
        data.update(
            {
                f"paragraphs-{i}-id": p.pk,
                f"paragraphs-{i}-article": article.pk,
                f"paragraphs-{i}-position": p.position,
                f"paragraphs-{i}-kind": p.kind,
                f"paragraphs-{i}-text": text,
                f"paragraphs-{i}-kind_note": "",
            }
        )
    client.force_login(editor)
    response = client.post(reverse("admin:archive_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    mention.refresh_from_db()
    assert (mention.start, mention.orphaned) == (7, False)
    assert Paragraph.objects.get(pk=mention.paragraph_id).version == 2
