"""archive.services.annotations: versioned writes, re-anchoring with orphans, suggestions, history."""

import pytest
from django.core.exceptions import PermissionDenied

from archive.models import Annotation
from archive.services import annotations as annotating
from tests import factories
from workbench import services as wb_services

pytestmark = pytest.mark.django_db
Status = Annotation.Status


@pytest.fixture
def yang(db):
    return factories.person("杨猛")


@pytest.fixture
def third(article):
    return article.paragraphs.get(position=3)  # 后来杨猛调任台州当区域经理。


def create(paragraph, editor, person, start=2, end=4, **kw):
    return annotating.annotation_create_at_span(
        paragraph_id=paragraph.pk,
        start=start,
        end=end,
        paragraph_version=paragraph.version,
        kind="person",
        target=person,
        editor=editor,
        **kw,
    )


def test_annotation_is_created_on_the_selected_span_with_its_context(third, editor, yang):
    annotation = create(third, editor, yang)
    assert (annotation.quote, annotation.prefix, annotation.suffix[:4]) == ("杨猛", "后来", "调任台州")
    assert annotation.history.first().history_change_reason == "created in the workbench"


def test_span_outside_the_paragraph_is_refused(third, editor, yang):
    with pytest.raises(annotating.AnnotationError, match="outside the paragraph"):
        create(third, editor, yang, start=5, end=500)
    assert not Annotation.objects.exists()


def test_span_on_a_paragraph_changed_since_it_was_read_is_refused(third, editor, reviewer, yang):
    annotating.paragraph_update_text(
        paragraph=third, text="后来,杨猛调任台州当区域经理。", version=1, user=reviewer
    )
    third.version = 1
    with pytest.raises(annotating.Conflict, match="Reload"):
        create(third, editor, yang)
    assert not Annotation.objects.exists()


def test_editor_cannot_create_a_published_annotation(third, editor, yang):
    with pytest.raises(PermissionDenied):
        create(third, editor, yang, status=Status.PUBLISHED)


def test_second_of_two_concurrent_annotation_saves_is_refused_and_the_first_kept(
    third, editor, reviewer, yang
):
    annotation = create(third, editor, yang)
    annotating.annotation_update(annotation_id=annotation.pk, version=1, user=reviewer, comment="first")
    with pytest.raises(annotating.Conflict, match="rev"):
        annotating.annotation_update(annotation_id=annotation.pk, version=1, user=editor, comment="second")
    annotation.refresh_from_db()
    assert (annotation.comment, annotation.version) == ("first", 2)


def test_stale_delete_is_refused(third, editor, reviewer, yang):
    annotation = create(third, editor, yang)
    annotating.annotation_update(annotation_id=annotation.pk, version=1, user=editor, comment="checked")
    with pytest.raises(annotating.Conflict):
        annotating.annotation_delete(annotation_id=annotation.pk, version=1, user=reviewer)
    annotating.annotation_delete(annotation_id=annotation.pk, version=2, user=reviewer)
    assert not Annotation.objects.exists()


def test_only_reviewers_publish_through_update(third, editor, reviewer, yang):
    annotation = create(third, editor, yang)
    with pytest.raises(PermissionDenied):
        annotating.annotation_update(
            annotation_id=annotation.pk, version=1, user=editor, status=Status.PUBLISHED
        )
    annotating.annotation_update(
        annotation_id=annotation.pk, version=1, user=reviewer, status=Status.PUBLISHED
    )
    assert Annotation.objects.get().status == Status.PUBLISHED


def test_target_can_be_changed_to_a_note(third, editor, yang):
    annotation = create(third, editor, yang)
    changed = annotating.annotation_update(
        annotation_id=annotation.pk, version=1, user=editor, kind="note", target="调任时间不详"
    )
    assert (changed.target_kind, changed.body, changed.person_id) == ("note", "调任时间不详", None)


def test_editing_a_paragraph_moves_its_annotations(third, editor, yang):
    annotation = create(third, editor, yang)
    report = annotating.paragraph_update_text(
        paragraph=third, text="2004年以后,杨猛调任台州当区域经理。", version=1, user=editor
    )
    annotation.refresh_from_db()
    assert report.moved == [annotation.pk] and (annotation.start, annotation.end, annotation.orphaned) == (
        8,
        10,
        False,
    )
    assert annotation.prefix == "2004年以后," and annotation.version == 2
    assert annotation.history.first().history_change_reason.startswith("re-anchored exactly")


def test_edit_deleting_the_quoted_words_orphans_the_annotation_and_keeps_it(third, editor, yang):
    annotation = create(third, editor, yang)
    report = annotating.paragraph_update_text(
        paragraph=third, text="后来调任台州当区域经理。", version=1, user=editor
    )
    annotation.refresh_from_db()
    assert report.orphaned == [annotation.pk]
    assert annotation.orphaned and annotation.quote == "杨猛"
    assert list(Annotation.objects.filter(orphaned=True)) == [annotation]
    assert "orphaned" in annotation.history.first().history_change_reason


def test_orphan_is_placed_again_when_the_words_come_back(third, editor, yang):
    annotation = create(third, editor, yang)
    annotating.paragraph_update_text(paragraph=third, text="后来调任台州当区域经理。", version=1, user=editor)
    annotating.paragraph_update_text(
        paragraph=third, text="后来杨猛调任台州当区域经理。", version=2, user=editor
    )
    annotation.refresh_from_db()
    assert not annotation.orphaned and (annotation.start, annotation.end) == (2, 4)


def test_second_of_two_concurrent_paragraph_edits_is_refused_and_the_first_kept(third, editor, reviewer):
    annotating.paragraph_update_text(
        paragraph=third, text="后来杨猛调任台州,当区域经理。", version=1, user=reviewer, reason="punctuation"
    )
    stale = type(third).objects.get(pk=third.pk)
    with pytest.raises(annotating.Conflict):
        annotating.paragraph_update_text(paragraph=stale, text="别的文字", version=1, user=editor)
    third.refresh_from_db()
    assert (third.text, third.version) == ("后来杨猛调任台州,当区域经理。", 2)
    assert third.history.first().history_change_reason == "punctuation"


def test_suggestions_cover_known_names_once_and_skip_annotated_spans(article, editor, yang):
    factories.organization("阿里巴巴")
    create(article.paragraphs.get(position=3), editor, yang)
    created = wb_services.suggestions_generate(article=article, user=editor)
    suggested = Annotation.objects.filter(status=Status.SUGGESTED)
    assert created == 3 and {a.quote for a in suggested} == {"杨猛", "阿里巴巴"}
    assert wb_services.suggestions_generate(article=article, user=editor) == 0


def test_accepted_suggestion_becomes_a_draft_by_the_editor(article, editor, yang):
    wb_services.suggestions_generate(article=article, user=None)
    first = Annotation.objects.filter(status=Status.SUGGESTED).first()
    assert annotating.suggestions_accept(article=article, ids=[first.pk], user=editor) == 1
    first.refresh_from_db()
    assert (first.status, first.editor, first.version) == (Status.DRAFT, editor, 2)
    assert first.history.first().history_change_reason == "suggestion accepted"


def test_rejected_suggestion_is_not_suggested_again(article, editor, yang):
    wb_services.suggestions_generate(article=article, user=None)
    ids = list(Annotation.objects.values_list("pk", flat=True))
    assert annotating.suggestions_reject(article=article, ids=ids, user=editor) == 3
    assert wb_services.suggestions_generate(article=article, user=editor) == 0
    assert (
        Annotation.history.filter(history_type="-", history_change_reason="suggestion rejected").count() == 3
    )


def test_accepting_a_suggestion_that_is_no_longer_open_changes_nothing(article, editor, yang):
    wb_services.suggestions_generate(article=article, user=None)
    first, second = Annotation.objects.all()[:2]
    annotating.suggestions_accept(article=article, ids=[first.pk], user=editor)
    with pytest.raises(annotating.AnnotationError, match=str(first.pk)):
        annotating.suggestions_accept(article=article, ids=[second.pk, first.pk], user=editor)
    second.refresh_from_db()
    assert second.status == Status.SUGGESTED
