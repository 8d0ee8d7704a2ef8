"""Small factory functions for test data."""

import itertools

from archive.models import Annotation, Article, Event, Paragraph
from archive.services.annotations import annotation_create
from people.models import Organization, Person, Role

_seq = itertools.count(1)

FEATURE_LINES = [
    "杨猛2002年加入阿里巴巴,现任中国内贸事业部(CBU)联席总经理。",
    "入职第三个月,杨猛成为“三百大”53名同学中业绩最好的一个。次年,他拿到全国月度TOP3,入职1年零5个月后,升成区域主管。",
    "后来杨猛调任台州当区域经理。",
]


def article(*, title=None, lines=FEATURE_LINES, published=True, edtf="2017", **fields):
    n = next(_seq)
    obj = Article.objects.create(
        title=title or f"测试文章{n}",
        published_edtf=edtf,
        published_text=edtf,
        is_published=published,
        **fields,
    )
    Paragraph.objects.bulk_create(
        Paragraph(article=obj, position=i, text=t, fingerprint="") for i, t in enumerate(lines, 1)
    )
    return obj


def person(name="杨猛", **fields):
    return Person.objects.create(name=name, **fields)


def organization(name="中国内贸事业部", **fields):
    return Organization.objects.create(name=name, **fields)


def role(person_obj=None, title="联席总经理", org=None, **fields):
    return Role.objects.create(person=person_obj or person(), title=title, organization=org, **fields)


def event(title="阿里巴巴创立", edtf="1999-09", **fields):
    return Event.objects.create(
        title=title, date_edtf=edtf, date_text=fields.pop("date_text", edtf), **fields
    )


def cite(paragraph, quote, status=Annotation.Status.PUBLISHED, **target):
    return annotation_create(paragraph=paragraph, quote=quote, status=status, **target)
