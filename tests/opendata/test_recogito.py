"""A Recogito-style W3C export of a demo article (tests/data/recogito/) imports, or fails item by item."""

import copy
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.models import Annotation, Article
from archive.services.annotation_rows import ImportFailed
from archive.services.webannotations import webannotations_import
from people.models import Role

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "recogito" / "alibaba-b2b-18-years.jsonld"
SLUG = "alibaba-b2b-18-years"


def recogito():
    """Return the fixture, its role IRI pointing at the role's primary key in this database.

    The file names ``#role-36``, 杨猛's 联席总经理 in a freshly loaded demo; on PostgreSQL the
    sequences move on between test modules.
    """
    role = Role.objects.get(person__slug="yang-meng", title="联席总经理")
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "/people/yang-meng/#role-36", f"/people/yang-meng/#role-{role.pk}"
    )
    return json.loads(text)


def test_the_export_imports_anchored_by_quote_as_drafts(demo, editor):
    article = Article.objects.get(slug=SLUG)
    before = set(Annotation.objects.values_list("pk", flat=True))
    counts = webannotations_import(data=recogito(), article=article, user=editor)
    # 杨猛 in ¶28 is already annotated: left as it is
    assert counts == {"created": 4, "unchanged": 1}
    new = Annotation.objects.exclude(pk__in=before).select_related(
        "paragraph", "role", "event", "organization"
    )
    found = {(a.target_kind, a.paragraph.position, a.quote) for a in new}
    assert found == {
        ("organization", 30, "红草莓"),
        ("event", 36, "软银孙正义又投资2000万美元"),
        ("role", 26, "联席总经理"),  # the hint, 11 characters off, still picks ¶26, not the caption
        ("note", 32, "此时此刻,非你莫属"),
    }
    for annotation in new:
        assert annotation.paragraph.text[annotation.start : annotation.end] == annotation.quote
        assert annotation.status == Annotation.Status.DRAFT and annotation.editor == editor
    assert new.get(role__isnull=False).role == Role.objects.get(person__slug="yang-meng", title="联席总经理")
    assert new.get(body__gt="").body == "阿里巴巴当年的招聘口号"
    assert not Annotation.objects.public().filter(pk__in=new.values("pk")).exists()


def test_importing_it_twice_changes_nothing(demo, editor):
    article = Article.objects.get(slug=SLUG)
    webannotations_import(data=recogito(), article=article, user=editor)
    count = Annotation.objects.count()
    assert webannotations_import(data=recogito(), article=article, user=editor) == {
        "created": 0,
        "unchanged": 5,
    }
    assert Annotation.objects.count() == count


def test_a_broken_copy_fails_item_by_item_and_writes_nothing(demo, editor):
    data = copy.deepcopy(recogito())
    data[1]["body"][0]["value"] = "某家无名公司"
    data[2]["target"]["selector"][0]["exact"] = "腾讯马化腾向网易追加投资一亿美元"
    data[3]["body"][0]["source"] = "https://annals.example.org/people/yang-meng/#role-99999"
    data[4]["target"]["source"] = "https://recogito.pelagios.org/document/4cq8vw2rn0s7kd/part/1"
    before = Annotation.objects.count()
    with pytest.raises(ImportFailed) as failed:
        webannotations_import(data=data, article=Article.objects.get(slug=SLUG), user=editor)
    assert [(e.line, e.column) for e in failed.value.errors] == [
        (2, "body"),
        (3, "target.selector"),
        (4, "body"),
        (5, "target.source"),
    ]
    assert "某家无名公司" in failed.value.errors[0].reason
    assert Annotation.objects.count() == before


def test_the_command_reads_the_fixture(demo, editor, capsys, tmp_path):
    path = tmp_path / "recogito.jsonld"
    path.write_text(json.dumps(recogito(), ensure_ascii=False), encoding="utf-8")
    before = Annotation.objects.count()
    call_command("import_webannotations", str(path), "--article", SLUG, "--dry-run")
    assert "4 new" in capsys.readouterr().out
    assert Annotation.objects.count() == before
