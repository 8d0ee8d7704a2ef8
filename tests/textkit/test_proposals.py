"""The curation assistant's text engine: contract, fallbacks, learning and measured quality."""

import json
from pathlib import Path

import pytest

from textkit.proposals import Lexicon, propose
from textkit.proposals.evaluate import article_rows, evaluate, pooled, table
from textkit.proposals.quality import score

DATA = Path(__file__).resolve().parents[1] / "data" / "curation"


def _article(name):
    return article_rows((DATA / f"{name}.txt").read_text(encoding="utf-8-sig"))


def test_contract_shape_and_evidence_offsets():
    rows = [
        (1, "2018年，腾讯高级执行副总裁张小龙在广州发布微信。", "body"),
        (2, "© 2019 某某网 版权所有 京ICP备2019012345号", "boilerplate"),
    ]
    data = propose(rows, published="2019").to_json("a")
    assert set(data) >= {"article", "people", "organizations", "roles", "events", "dates"}
    assert data["article"] == "a"
    assert [p["name"] for p in data["people"]] == ["张小龙"]
    role = data["roles"][0]
    assert (role["person"], role["title"], role["organization"]) == ("张小龙", "高级执行副总裁", "腾讯")
    assert set(role) >= {"start", "end", "start_text", "end_text", "current", "confidence", "evidence"}
    for kind in ("people", "organizations", "roles", "events"):
        for item in data[kind]:
            for e in item["evidence"]:
                assert rows[e["paragraph"] - 1][1][e["start"] : e["end"]] == e["quote"]
    assert all(d["paragraph"] == 1 for d in data["dates"])  # never the footer


def test_article_without_names_gives_nothing_and_no_error():
    data = propose([(1, "今天天气很好，我们去公园散步。", "body")]).to_json("x")
    assert data["people"] == data["roles"] == data["events"] == []
    assert propose([]).to_json("x")["people"] == []


def test_without_ner_library_known_names_still_come_with_a_notice():
    lexicon = Lexicon.from_data({"people": {"张小龙": ["Allen"]}})
    result = propose([(1, "Allen 和张小龙是同一个人。", "body")], lexicon=lexicon, backend="none")
    assert result.backend == "none" and any("lexicon_only" in n for n in result.notices)
    assert [(p.name, p.known) for p in result.people] == [("张小龙", True)]


def test_fragments_are_trimmed_and_rejected_strings_never_proposed():
    text = "雷军说，小米要做手机。雷军心里清楚。马云托人送来CD。马云认为这很重要。马云很高兴。"
    names = {p.name for p in propose([(1, text, "body")]).people}
    assert {"雷军", "马云"} <= names and not names & {"雷军心", "马云托人"}
    rejected = propose([(1, text, "body")], lexicon=Lexicon(rejected={"雷军"})).people
    assert "雷军" not in {p.name for p in rejected}


def test_lexicon_learns_titles_orgs_and_rejections():
    lexicon = Lexicon().learn(
        accepted={
            "roles": [{"person": "甲乙", "title": "首席布道师", "organization": "某某"}],
            "organizations": [{"name": "中国供应商", "aliases": ["中供"]}],
        },
        rejected=["王牌"],
    )
    assert "首席布道师" in lexicon.titles and lexicon.org_aliases["中供"] == "中国供应商"
    assert "王牌" in lexicon.rejected
    assert Lexicon.from_data(json.loads(json.dumps(lexicon.to_data()))) == lexicon


def test_second_article_about_a_company_improves_after_curating_the_first():
    first = json.loads((DATA / "meituan_rdelec.gold.json").read_text(encoding="utf-8"))
    second = json.loads((DATA / "meituan_wangxing_mbji.learning.json").read_text(encoding="utf-8"))
    proposed_first = propose(_article("meituan_rdelec"), published="2018").to_json("first")
    gold_names = {n for p in first["people"] for n in [p["name"], *p["aliases"]]}
    rejected = [p["name"] for p in proposed_first["people"] if p["name"] not in gold_names]
    rows = _article("meituan_wangxing_mbji")
    lexicon = Lexicon().learn(accepted=first, rejected=rejected)
    runs = {
        "before": propose(rows, published="2020"),
        "after": propose(rows, published="2020", lexicon=lexicon),
    }
    scores = {k: score(v, second) for k, v in runs.items()}
    known = {k: sum(p.known for p in v.people) / max(1, len(v.people)) for k, v in runs.items()}
    confidence = {k: sum(p.confidence for p in v.people) / max(1, len(v.people)) for k, v in runs.items()}
    print(
        f"\nlearning: people known {known['before']:.2f} -> {known['after']:.2f}, mean confidence "
        f"{confidence['before']:.2f} -> {confidence['after']:.2f}, people recall "
        f"{scores['before']['people']['recall']:.2f} -> {scores['after']['people']['recall']:.2f}, "
        f"roles recall {scores['before']['roles']['recall']:.2f} -> {scores['after']['roles']['recall']:.2f}"
    )
    assert known["after"] > known["before"] and confidence["after"] > confidence["before"]
    for kind in ("people", "roles"):
        for measure in ("recall", "precision"):
            assert (scores["after"][kind][measure] or 0) >= (scores["before"][kind][measure] or 0)


@pytest.fixture(scope="module")
def figures():
    results = evaluate(DATA)
    print("\n" + table(results))
    return pooled(results)


def test_people_and_dates_reach_the_acceptance_floors(figures):
    assert figures["people"]["recall"] >= 0.90 and figures["people"]["precision"] >= 0.80
    assert figures["dates"]["exact"] >= 0.90


def test_roles_reach_the_precision_target_and_do_not_regress(figures):
    # Precision meets the target (60 %). Recall (target 70 %) and start year (target 80 %)
    # are still below it: these floors are the measured figures (65.6 %, 73.5 %), against regressions.
    assert figures["roles"]["precision"] >= 0.60
    assert figures["roles"]["recall"] >= 0.65
    assert figures["roles"]["start_year_right"] >= 0.73


def test_events_do_not_regress(figures):
    # Below the target (60 %): a no-regression floor at the measured figure (52.9 %).
    assert figures["events"]["recall"] >= 0.52


def test_a_huge_article_reaches_the_tagger_in_capped_batches():
    """Work per tagger call is bounded however long the article (its time is measured in bench/)."""
    from textkit.proposals import ner

    seen = []

    def run(pieces):
        seen.append([len(piece) for piece in pieces])
        return [[] for _ in pieces]

    text = "2018年，某某公司副总裁王小明出任CEO。" * 200
    tagged = ner.Tagger("test", run).tag([text, "短句。"])
    assert len(tagged) == 2 and seen
    assert all(len(batch) <= ner._BATCH and max(batch) <= ner.MAX_CHARS for batch in seen)
    assert sum(map(sum, seen)) == len(text) + len("短句。")
