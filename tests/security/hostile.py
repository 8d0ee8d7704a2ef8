"""A small published archive whose every free-text field carries markup and script."""

from django.contrib.auth import get_user_model

from archive.models import Annotation, Event
from archive.services import annotations as annotating
from archive.services import articles as services
from people.models import Alias, Organization, OrganizationAlias, Person, Role

# Each payload is a complete, executable fragment if it ever reaches a page unescaped.
SCRIPT = '<script>alert("annals")</script>'
IMG = "<img src=x onerror=alert(1)>"
BREAKOUT = '"><svg onload=alert(2)>'
CLOSE = "</script><script>alert(3)</script>"
PAYLOADS = (SCRIPT, IMG, BREAKOUT, CLOSE)
# What must never appear in an HTML response: the payloads' live openings.
RAW_MARKERS = ("<script>alert", "<img src=x", "<svg onload", "</script><script>")


def hostile(label):
    """Return a short hostile value naming the field it goes into."""
    return f"{label}{SCRIPT}{IMG}"


ARTICLE_LINES = [
    hostile("标题"),
    f"杨猛2002年加入阿里巴巴{SCRIPT}现任中国内贸事业部联席总经理。",
    f"入职第三个月{IMG}他成为业绩最好的一个{BREAKOUT}。",
    f"后来杨猛调任台州{CLOSE}当区域经理。",
]


def build():
    """Create and publish the hostile archive; return its records by name."""
    article = services.article_import(
        data="\n".join(ARTICLE_LINES).encode("utf-8"),
        filename="hostile<b>.txt",
        title=hostile("title"),
        outlet=hostile("outlet"),
        author=hostile("author"),
        published_edtf="2017",
        publish=True,
        kinds={},
    )
    person = Person.objects.create(name=hostile("人"), description=hostile("desc"))
    Alias.objects.create(person=person, name=hostile("alias"), note=hostile("note"))
    org = Organization.objects.create(name=hostile("org"), description=hostile("desc"))
    OrganizationAlias.objects.create(organization=org, name=hostile("orgalias"))
    role = Role.objects.create(
        person=person,
        title=hostile("title"),
        organization=org,
        place=hostile("place"),
        start_edtf="2002",
        start_text=hostile("start"),
        notes=hostile("notes"),
    )
    event = Event.objects.create(
        title=hostile("event"), date_edtf="2003", date_text=hostile("date"), description=hostile("desc")
    )
    event.participants.add(person)
    event.organizations.add(org)
    editor = get_user_model().objects.create_user(hostile("u")[:150], password="x", is_staff=True)
    p1, p2, p3 = article.paragraphs.order_by("position")[1:4]
    published = Annotation.Status.PUBLISHED
    annotations = [
        annotating.annotation_create(
            paragraph=p1, quote=SCRIPT, person=person, status=published, editor=editor
        ),
        annotating.annotation_create(paragraph=p1, quote="杨猛", role=role, status=published),
        annotating.annotation_create(paragraph=p2, quote=IMG, event=event, status=published),
        annotating.annotation_create(paragraph=p2, quote=BREAKOUT, organization=org, status=published),
        annotating.annotation_create(paragraph=p3, quote=CLOSE, body=hostile("note body"), status=published),
    ]
    Annotation.objects.filter(pk=annotations[0].pk).update(comment=hostile("comment"))
    return {
        "article": article,
        "person": person,
        "organization": org,
        "role": role,
        "event": event,
        "annotations": annotations,
        "editor": editor,
    }
