"""The citations chosen in SQL (reading/evidence.py) are the ones the Python ranking shows.

For every public person's roles and events, the bounded query must return the same best
sentence, the same next ones in the same order, the same copies folded under each, the same
counts of the rest and the same latest source date as ranking every citation in Python
(careers.rank_evidence), on the demo archive and on generated archives.
"""

import pytest

from archive import public
from bench.synthetic.generate import archive_generate
from people.models import Person
from reading import careers, evidence


def shown(items):
    return [
        (
            item.pk,
            [
                (g["citation"].pk, g["states"], [c.pk for c in g["copies"]])
                for g in [item.best, *item.others]
                if g
            ],
            item.more_citations,
            item.copy_count,
            careers._source_year(item),
        )
        for item in items
    ]


def compare(limit):
    """Return how many roles and events were compared, how many had citations left out and how
    many had reprint copies; assert both rankings agree on each."""
    compared = cut = copied = 0
    people = public.with_career(public.people(), with_citations=True).order_by("pk")
    for person in people:
        expected = shown(careers.rank_evidence(person.career))
        bounded = public.with_career(Person.objects.filter(pk=person.pk), with_citations=False).get()
        assert shown(evidence.attach(bounded.career, "role", limit)) == expected, person.slug
        events = careers.person_events(person)
        expected = shown(careers.rank_evidence(events))
        got = shown(evidence.attach(careers.person_events(person, with_citations=False), "event", limit))
        assert got == expected, person.slug
        compared += len(person.career) + len(events)
        cut += sum(1 for item in [*person.career, *events] if len(item.citations) > limit)
        copied += sum(1 for item in bounded.career if item.copy_count)
    return compared, cut, copied


@pytest.mark.parametrize("limit", [1, careers.CITATIONS_SHOWN])
def test_the_demo_archive_ranks_the_same_in_sql(demo, limit, monkeypatch):
    monkeypatch.setattr(careers, "CITATIONS_SHOWN", limit)
    compared, _, _ = compare(limit)
    assert compared > 10


@pytest.mark.parametrize("seed", [3, 11])
def test_generated_archives_rank_the_same_in_sql(db, seed, monkeypatch):
    archive_generate(seed=seed, articles=40, people=30, annotations=1500)
    monkeypatch.setattr(careers, "CITATIONS_SHOWN", 2)
    compared, cut, copied = compare(2)
    assert compared > 10 and cut > 5 and copied > 0


def test_a_reprint_copy_folds_under_its_original_and_counts(db):
    from archive.models import Paragraph
    from tests import factories

    original = factories.article(lines=["杨猛2002年加入阿里巴巴,出任联席总经理。", "杨猛很忙。"])
    copy = factories.article(lines=["杨猛2002年加入阿里巴巴，出任联席总经理！"], reprint_of=original)
    Paragraph.objects.filter(article=copy).update(aligned_to=original.paragraphs.get(position=1))
    role = factories.role(factories.person(), "联席总经理", start_edtf="2002")
    plain = factories.cite(original.paragraphs.get(position=2), "杨猛很忙", role=role)
    stated = factories.cite(
        original.paragraphs.get(position=1), "杨猛2002年加入阿里巴巴,出任联席总经理", role=role
    )
    reprinted = factories.cite(copy.paragraphs.get(), "杨猛2002年加入阿里巴巴，出任联席总经理", role=role)
    (item,) = evidence.attach([role], "role", 1)
    assert item.best["citation"] == stated and item.best["states"] == 6
    assert item.best["copies"] == [reprinted] and item.copy_count == 1
    assert item.others == [] and item.more_citations == 1
    (item,) = evidence.attach([role], "role", 5)
    assert [g["citation"] for g in item.others] == [plain] and item.others[0]["states"] == 0


def home_people_as_before(n):
    """The home page's people as they were chosen before: every public person's roles counted."""
    ranked = public.people().annotate(role_count=public.role_count()).order_by("-role_count", "pinyin")
    return [(p.pk, p.role_count) for p in ranked[:n]]


@pytest.mark.parametrize("n", [3, 12])
def test_the_home_page_counts_people_and_roles_from_the_evidence(db, n):
    from reading import articles

    archive_generate(seed=4, articles=30, people=40, annotations=800)
    assert articles.person_count() == public.people().count()
    chosen = [(p.pk, p.role_count) for p in articles.busiest_people(n)]
    before = home_people_as_before(n)
    # Equal role counts may come in either order only where the pinyin ties too.
    assert [count for _, count in chosen] == [count for _, count in before]
    assert {pk for pk, _ in chosen} == {pk for pk, _ in before} or len({c for _, c in before}) < n
    assert len(chosen) == min(n, public.people().count())
