"""QuickStatements for 杨猛 and 戴珊, line by line against what their career JSON says."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Annotation
from people.models import Organization, Person, Role
from reading.wikidata import quickstatements, wikidata_time

PEOPLE = {"yang-meng": "Q1001", "dai-shan": "Q1002"}
ORGANIZATIONS = {"zhong-guo-gong-ying-shang": "Q2001", "cbu": "Q2002", "alibaba-group": "Q2003"}
POSITIONS = {
    "中供销售": "Q3001",
    "区域主管": "Q3002",
    "台州区域经理": "Q3003",
    "联席总经理": "Q3004",
    "创业元老（“十八罗汉”成员）": "Q3005",
    "合伙人": "Q3006",
    "业务总裁": "Q3008",
}
TODAY = datetime.date(2024, 5, 2)


@pytest.fixture
def ids(demo):
    for slug, item in PEOPLE.items():
        Person.objects.filter(slug=slug).update(wikidata_id=item)
    for slug, item in ORGANIZATIONS.items():
        Organization.objects.filter(slug=slug).update(wikidata_id=item)


def statements(slug):
    lines, skipped = quickstatements(
        Person.objects.filter(slug=slug), lambda path: "http://testserver" + path, POSITIONS, TODAY
    )
    return [line.split("\t") for line in lines], skipped


def qualifiers(fields):
    return dict(zip(fields[3::2], fields[4::2], strict=True))


@pytest.mark.parametrize("slug", ["yang-meng", "dai-shan"])
def test_each_line_says_what_the_career_json_says(client, ids, slug):
    roles = client.get(f"/people/{slug}.json").json()["roles"]
    lines, skipped = statements(slug)
    with_position = [r for r in roles if r["title"] in POSITIONS]
    assert len(lines) == len(with_position) and len(skipped) == len(roles) - len(with_position)
    for fields, role in zip(lines, with_position, strict=True):
        assert fields[:3] == [PEOPLE[slug], "P39", POSITIONS[role["title"]]]
        q = qualifiers(fields)
        assert q.get("P108") == ORGANIZATIONS.get(role["organization"]["slug"])
        assert "P642" not in q
        assert q.get("P580") == wikidata_time(role["start"]) and q.get("P582") == wikidata_time(role["end"])
        cited = role["citations"][0]
        assert q["S854"] == f'"http://testserver/articles/{cited["article"]}/#p-{cited["paragraph"]}"'
        assert q["S1683"].startswith('zh:"') and cited["quote"] in q["S1683"]
        assert q["S813"] == "+2024-05-02T00:00:00Z/11"


def test_yang_meng_lines_in_full(ids):
    lines, _ = statements("yang-meng")
    first, second = (qualifiers(f) for f in lines[:2])
    assert first["P580"] == "+2002-04-01T00:00:00Z/11"  # 2002-04-01: a day
    assert first["P582"] == second["P580"] == "+2003-00-00T00:00:00Z/9"  # 2003-09~: about a month → the year
    assert "P580" not in qualifiers(lines[3]) and qualifiers(lines[3])["P108"] == "Q2002"


def test_dai_shan_lines_in_full(ids):
    lines, skipped = statements("dai-shan")
    founders, partner, president = (qualifiers(f) for f in lines)
    assert founders["P580"] == "+1990-00-00T00:00:00Z/8"  # 1999~: about a year → the decade
    assert "P108" not in founders  # 十八罗汉 has no Wikidata id
    assert president["P580"] == "+2017-01-00T00:00:00Z/10"  # 2017-01: a month
    assert skipped == ["dai-shan: B2B事业群任职（轮岗前，职务未详）: no Wikidata id for the position"]


def test_succession_at_the_same_post_gives_replaces_and_replaced_by(ids):
    role = Role.objects.get(person__slug="yang-meng", title="联席总经理")
    Role.objects.filter(pk=role.pk).update(start_edtf="2015", start_lower=datetime.date(2015, 1, 1))
    earlier = Role.objects.get(pk=role.pk)
    earlier.pk, earlier.person = None, Person.objects.get(slug="dai-shan")
    earlier.start_edtf, earlier.start_lower = "2010", datetime.date(2010, 1, 1)
    earlier.save()
    evidence = Annotation.objects.filter(role=role).first()
    Annotation.objects.create(
        paragraph=evidence.paragraph,
        quote=evidence.quote,
        prefix=evidence.prefix,
        suffix=evidence.suffix,
        start=evidence.start,
        end=evidence.end,
        role=earlier,
        status="published",
    )
    (line,) = [f for f in statements("yang-meng")[0] if f[2] == "Q3004"]
    assert qualifiers(line)["P1365"] == "Q1002"
    (line,) = [f for f in statements("dai-shan")[0] if f[2] == "Q3004"]
    assert qualifiers(line)["P1366"] == "Q1001"


def test_the_page_and_the_command(client, ids, capsys):
    response = client.get("/people/yang-meng/quickstatements.txt", {"position": "中供销售=Q3001"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert response.content.decode().count("\n") == 1 and response["X-QuickStatements-Skipped"] == "3"
    call_command("export_quickstatements", "--person", "dai-shan", "--position", "合伙人=Q3006")
    out = capsys.readouterr()
    assert out.out.startswith("Q1002\tP39\tQ3006\tP108\tQ2003\t") and "3 role(s) skipped" in out.err
    with pytest.raises(CommandError, match="not a Wikidata item"):
        call_command("export_quickstatements", "--position", "合伙人=Q0")


@pytest.mark.parametrize(
    "edtf, expected",
    [
        ("2002", "+2002-00-00T00:00:00Z/9"),
        ("2002-10", "+2002-10-00T00:00:00Z/10"),
        ("2002-10-31", "+2002-10-31T00:00:00Z/11"),
        ("2002-10-31~", "+2002-10-00T00:00:00Z/10"),
        ("1999/2002", None),
        ("", None),
        (None, None),
    ],
)
def test_wikidata_time_keeps_only_the_precision_the_value_has(edtf, expected):
    assert wikidata_time(edtf) == expected
