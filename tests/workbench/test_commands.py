"""manage.py propose and curation_quality: the contract, no writes, one-line errors."""

import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from tests import factories

pytestmark = pytest.mark.django_db
CONTRACT = {"article", "people", "organizations", "roles", "events", "dates"}
LINES = ["2005年,张小龙出任腾讯公司副总裁,负责微信团队。", "张小龙后来成为微信之父。"]


def row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_propose_prints_the_contract_and_writes_nothing():
    news = factories.article(lines=LINES, edtf="2018")
    before = row_counts()
    out, _err = run("propose", news.slug, "--format", "json")
    assert row_counts() == before
    data = json.loads(out)
    assert CONTRACT <= set(data) and data["article"] == news.slug
    role = next(r for r in data["roles"] if r["person"] == "张小龙")
    assert {"person", "title", "organization", "start", "end", "start_text", "end_text", "current"} <= set(
        role
    )
    assert {"paragraph", "quote", "start", "end"} == set(role["evidence"][0])


def test_propose_refuses_an_unknown_slug_in_one_line():
    with pytest.raises(CommandError, match="no article with slug 'nope'"):
        run("propose", "nope")


def test_propose_reports_a_notice_on_stderr_when_the_library_cannot_load(monkeypatch):
    from textkit.proposals import ner

    news = factories.article(lines=LINES, edtf="2018")
    monkeypatch.setattr("textkit.proposals.engine.tagger", lambda backend: ner.tagger("none"))
    out, err = run("propose", news.slug)
    assert "lexicon_only" in err and json.loads(out)["notices"]


def test_curation_quality_prints_recall_and_precision_per_kind(tmp_path):
    news = factories.article(lines=LINES, edtf="2018")
    gold = {
        "people": [{"name": "张小龙", "aliases": []}],
        "roles": [{"person": "张小龙", "title": "副总裁", "organization": "腾讯", "start": "2005"}],
        "events": [],
        "dates": [{"paragraph": 1, "text": "2005年", "edtf": "2005"}],
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    out, _err = run("curation_quality", news.slug, str(path))
    lines = {line.split()[0]: line.split() for line in out.splitlines()}
    assert lines["people"][3] == "100.0%" and lines["roles"][3] == "100.0%" and lines["dates"][5] == "100.0%"


def test_curation_quality_refuses_an_unreadable_gold_file(tmp_path):
    news = factories.article(lines=LINES)
    with pytest.raises(CommandError, match="cannot read the gold file"):
        run("curation_quality", news.slug, str(tmp_path / "missing.json"))
