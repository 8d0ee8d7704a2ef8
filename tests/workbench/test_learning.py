"""It learns: the second article about a company is proposed no worse after curating the first.

Article 1 is tests/data/curation/meituan_rdelec (Meituan, with its gold); the editor accepts
the proposals the gold confirms, rejects the others and types the missing roles in the quick
box. Article 2 (meituan_wangxing_mbji, a different page about the same company) is scored
against its own gold before and after.
"""

import json
from pathlib import Path

import pytest

from archive.services.articles import article_import
from textkit.proposals.quality import score
from workbench import proposing, services

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data" / "curation"


def imported(name, published):
    data = (DATA / f"{name}.txt").read_bytes()
    return article_import(
        data=data, filename=f"{name}.txt", published_edtf=published, slug=name.replace("_", "-")
    )


def gold_of(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def confirmed(kind, claim, gold):
    plural = {"person": "people", "organization": "organizations", "role": "roles", "event": "events"}[kind]
    if kind == "organization":
        names = {n for o in gold["organizations"] for n in (o["name"], *o["aliases"])}
        return claim["name"] in names
    result = score({plural: [claim]}, gold)[plural]
    return result["precision"] == 1


def curate(article, gold, user):
    """Accept what the gold confirms, reject the rest, type the roles the engine missed."""
    for item in proposing.review_items(article, proposing.article_proposals(article)):
        if confirmed(item["kind"], item["claim"], gold):
            services.proposal_accept(
                article=article, kind=item["kind"], claim=item["claim"], evidence=item["evidence"], user=user
            )
        elif item["kind"] in ("person", "organization"):
            services.proposal_reject(kind=item["kind"], claim=item["claim"], user=user)
    span = next(
        {"paragraph": p.position, "start": 0, "end": 1, "quote": p.text[0]}
        for p in article.paragraphs.all()
        if p.kind == "body"
    )
    for role in gold["roles"]:
        line = " ".join(w for w in (role["person"], role["title"], role["organization"]) if w)
        services.role_quick_create(article=article, line=line, span=span, user=user)


def figures(article, gold):
    result = score(proposing.article_proposals(article).to_json(article.slug), gold)
    return {
        kind: {k: v for k, v in row.items() if k in ("recall", "precision")}
        for kind, row in result.items()
        if kind in ("people", "roles")
    }


def test_second_meituan_article_is_proposed_no_worse_after_curating_the_first(editor, capsys):
    second_gold = gold_of("meituan_wangxing_mbji.learning.json")
    second = imported("meituan_wangxing_mbji", second_gold["published"])
    before = figures(second, second_gold)
    first_gold = gold_of("meituan_rdelec.gold.json")
    curate(imported("meituan_rdelec", first_gold["published"]), first_gold, editor)
    after = figures(second, second_gold)
    with capsys.disabled():
        print(
            f"\nlearning, meituan_wangxing_mbji: before {before}\n                                after  {after}"
        )
    for kind in ("people", "roles"):
        for measure in ("recall", "precision"):
            assert (after[kind][measure] or 0) >= (before[kind][measure] or 0), (kind, measure)
