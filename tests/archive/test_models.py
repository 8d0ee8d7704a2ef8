import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from archive import public
from archive.models import Annotation, Article, Paragraph
from tests import factories

pytestmark = pytest.mark.django_db


def test_annotation_anchors_quote_with_prefix_and_suffix(article):
    paragraph = article.paragraphs.get(position=2)
    annotation = factories.cite(paragraph, "升成区域主管", person=factories.person())
    assert paragraph.text[annotation.start : annotation.end] == "升成区域主管"
    assert annotation.prefix.endswith("入职1年零5个月后,")
    assert annotation.suffix == "。"


@translation.override("en")  # checks the wording; the site defaults to Chinese
def test_annotation_quote_must_stand_at_its_offsets(article):
    paragraph = article.paragraphs.get(position=1)
    annotation = Annotation(paragraph=paragraph, quote="杨猛", start=3, end=5, person=factories.person())
    with pytest.raises(ValidationError, match="it occurs at 0"):
        annotation.save()
    assert Annotation.objects.count() == 0


def test_annotation_needs_exactly_one_target(article):
    paragraph = article.paragraphs.get(position=1)
    person = factories.person()
    two_targets = Annotation(
        paragraph=paragraph,
        quote="杨猛",
        start=0,
        end=2,
        person=person,
        organization=factories.organization(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        two_targets.save()
    no_target = Annotation(paragraph=paragraph, quote="杨猛", start=0, end=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        no_target.save()
    note = Annotation.objects.create(paragraph=paragraph, quote="杨猛", start=0, end=2, body="工号598")
    assert note.target_kind == "note"


def test_public_annotations_need_published_status_and_article(article):
    paragraph = article.paragraphs.get(position=1)
    person = factories.person()
    published = factories.cite(paragraph, "杨猛", person=person)
    factories.cite(
        paragraph, "阿里巴巴", status=Annotation.Status.DRAFT, organization=factories.organization("阿里巴巴")
    )
    assert list(Annotation.objects.public()) == [published]
    Article.objects.update(is_published=False)
    assert list(Annotation.objects.public()) == []
    assert list(public.people()) == []


def test_person_is_public_only_with_published_evidence(article):
    paragraph = article.paragraphs.get(position=1)
    shown, hidden = factories.person("杨猛"), factories.person("戴珊")
    factories.cite(paragraph, "杨猛", person=shown)
    factories.cite(paragraph, "阿里巴巴", status=Annotation.Status.REVIEWED, person=hidden)
    assert list(public.people()) == [shown]


def test_paragraph_position_is_unique(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Paragraph.objects.create(article=article, position=1, text="重复")


def test_paragraph_fingerprint_follows_text(article):
    paragraph = article.paragraphs.get(position=1)
    paragraph.save()
    before = paragraph.fingerprint
    paragraph.text += "。"
    paragraph.save()
    assert len(before) == 12 and paragraph.fingerprint != before


def test_article_publication_bounds_from_an_interval():
    article = factories.article(edtf="2017-08-30/2017-09-06")
    assert (str(article.published_lower), str(article.published_upper)) == ("2017-08-30", "2017-09-06")


def test_event_natural_key_and_slug():
    event = factories.event("阿里巴巴创立", "1999-09")
    assert event.natural_key() == ("阿里巴巴创立", "1999-09")
    assert event.slug == "1999-a-li-ba-ba-chuang-li"
