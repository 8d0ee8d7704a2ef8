"""The ranked evidence (reading/ranking.py) shows what ranking every citation in Python shows, and
every kind of write keeps it as a ranking from scratch would leave it (reading/listeners.py).

For every public person's roles and events, the page reads the same best sentence, the same next
ones in the same order, the same copies folded under each, the same counts of the rest and the
same latest source date as ``careers.rank_evidence`` over all their citations; the mentions are
the first ones in originals-first order.
"""

import random

import pytest
from django.db.models import Q

from archive import public
from archive.models import Annotation, Event, Paragraph
from archive.services.annotations import (
    AnnotationError,
    annotation_update,
    annotations_set_status,
    paragraph_update_text,
)
from archive.services.publishing import articles_set_published
from bench.synthetic.generate import archive_generate
from people.models import Person, Role
from reading import careers, moves, people, ranking
from reading.models import ClaimRanking, RankedCitation
from tests import factories

Status = Annotation.Status


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
    """Assert the page's rankings agree with Python's for every public person; return counts of
    the roles and events compared, those with citations left out and those with copies."""
    compared = cut = copied = 0
    for person in public.with_career(public.people(), with_citations=True).order_by("pk"):
        page = people.person_page(person.slug)
        assert shown(page.career) == shown(careers.rank_evidence(person.career)), person.slug
        events = careers.person_events(person)[: people.EVENTS_SHOWN]
        assert shown(page.events) == shown(careers.rank_evidence(events)), person.slug
        expected = [a.pk for a in public.mentions(person)[: careers.MENTIONS_SHOWN]]
        assert [m.pk for _, found in people.mentions(page) for m in found] == expected, person.slug
        compared += len(person.career) + len(events)
        cut += sum(1 for item in [*person.career, *events] if len(item.citations) > limit)
        copied += sum(1 for item in page.career if item.copy_count)
    return compared, cut, copied


def stored():
    cited = RankedCitation.objects.values_list(
        "annotation_id", "person_id", "role_id", "event_id", "rank", "head_id", "seq", "states"
    )
    totals = ClaimRanking.objects.values_list(
        "person_id", "role_id", "event_id", "groups", "copies", "latest"
    )
    return sorted(cited), sorted(totals, key=str)


def assert_in_step():
    """The rankings kept up by the listeners equal a ranking from scratch, and a role or event is
    ranked exactly when it is public (reading.ranking.ranked_claims stands for the public rule)."""
    kept = stored()
    ranking.rank_everything()
    assert stored() == kept
    for model, rule in ((Role, public.roles), (Event, public.events)):
        assert set(ranking.ranked_claims(model.objects.all())) == set(rule()), model


@pytest.mark.parametrize("limit", [1, careers.CITATIONS_SHOWN])
def test_the_demo_archive_ranks_as_python_does(demo, limit, monkeypatch):
    monkeypatch.setattr(careers, "CITATIONS_SHOWN", limit)
    monkeypatch.setattr(people, "EVENT_CITATIONS", limit)
    compared, _, copied = compare(limit)
    assert compared > 10 and copied > 0
    assert_in_step()


@pytest.mark.parametrize("seed", [3, 11])
def test_generated_archives_rank_as_python_does(db, seed, monkeypatch):
    archive_generate(seed=seed, articles=40, people=30, annotations=1500)
    monkeypatch.setattr(careers, "CITATIONS_SHOWN", 2)
    monkeypatch.setattr(people, "EVENT_CITATIONS", 2)
    compared, cut, _ = compare(2)
    assert compared > 10 and cut > 5
    assert_in_step()


@pytest.fixture
def career(db):
    """A person with a role cited by an original, its reprint and a mention-only sentence."""
    original = factories.article(lines=["杨猛2002年加入阿里巴巴,出任联席总经理。", "杨猛很忙。"])
    copy = factories.article(lines=["杨猛2002年加入阿里巴巴，出任联席总经理！"], reprint_of=original)
    person = factories.person()
    role = factories.role(person, "联席总经理", start_edtf="2002")
    cites = {
        "plain": factories.cite(original.paragraphs.get(position=2), "杨猛很忙", role=role),
        "stated": factories.cite(
            original.paragraphs.get(position=1), "杨猛2002年加入阿里巴巴,出任联席总经理", role=role
        ),
        "reprinted": factories.cite(
            copy.paragraphs.get(), "杨猛2002年加入阿里巴巴，出任联席总经理", role=role
        ),
        "mention": factories.cite(original.paragraphs.get(position=2), "杨猛", person=person),
    }
    return {"person": person, "role": role, "original": original, "copy": copy, **cites}


def ranked_role(career):
    (role,) = people.person_page(career["person"].slug).career
    return role


def test_a_reprint_copy_folds_under_its_original_and_counts(career, monkeypatch):
    monkeypatch.setattr(careers, "CITATIONS_SHOWN", 1)
    role = ranked_role(career)
    assert role.best["citation"].pk == career["stated"].pk and role.best["states"] == 6
    assert [c.pk for c in role.best["copies"]] == [career["reprinted"].pk] and role.copy_count == 1
    assert role.others == [] and role.more_citations == 1
    monkeypatch.setattr(careers, "CITATIONS_SHOWN", 5)
    role = ranked_role(career)
    assert [g["citation"].pk for g in role.others] == [career["plain"].pk] and role.others[0]["states"] == 0


def test_withdrawing_and_publishing_a_citation_ranks_its_claim_again(career):
    annotations_set_status(queryset=Annotation.objects.filter(pk=career["stated"].pk), status=Status.DRAFT)
    role = ranked_role(career)
    # The copy has no original left on the page: it is a sentence of its own now.
    assert role.best["citation"].pk == career["reprinted"].pk and role.copy_count == 0
    assert_in_step()
    annotations_set_status(
        queryset=Annotation.objects.filter(pk=career["stated"].pk), status=Status.PUBLISHED
    )
    assert ranked_role(career).best["citation"].pk == career["stated"].pk
    assert_in_step()


def test_moving_a_citation_to_another_claim_ranks_both(career, reviewer):
    other = factories.role(career["person"], "总裁")
    annotation = Annotation.objects.get(pk=career["plain"].pk)
    annotation_update(
        annotation_id=annotation.pk, version=annotation.version, user=reviewer, kind="role", target=other
    )
    page = people.person_page(career["person"].slug)
    by_title = {role.title: role for role in page.career}
    assert by_title["总裁"].best["citation"].pk == career["plain"].pk
    assert career["plain"].pk not in [
        g["citation"].pk for g in [by_title["联席总经理"].best, *by_title["联席总经理"].others]
    ]
    assert_in_step()


def test_unpublishing_the_original_article_lifts_its_copy(career):
    articles_set_published(
        queryset=type(career["original"]).objects.filter(pk=career["original"].pk), published=False
    )
    role = ranked_role(career)
    assert role.best["citation"].pk == career["reprinted"].pk and role.more_citations == 0
    assert people.mentions(people.person_page(career["person"].slug)) == []
    assert_in_step()


def test_editing_a_paragraph_that_orphans_a_citation_drops_it(career):
    paragraph = Paragraph.objects.get(pk=career["plain"].paragraph_id)
    paragraph_update_text(paragraph=paragraph, text="这一段改写了。", version=paragraph.version)
    role = ranked_role(career)
    assert career["plain"].pk not in [g["citation"].pk for g in [role.best, *role.others]]
    assert_in_step()


def test_a_paragraph_turned_caption_stops_counting_as_evidence(career):
    paragraph = Paragraph.objects.get(pk=career["plain"].paragraph_id)
    paragraph.kind = Paragraph.Kind.CAPTION
    paragraph.save()
    assert ranked_role(career).more_citations == 0 and ranked_role(career).others == []
    assert_in_step()


def test_a_new_publication_date_reorders_and_a_renamed_role_rescores(career):
    original = career["original"]
    original.published_edtf, original.published_lower = "2030", None
    original.save()
    assert_in_step()
    role = career["role"]
    role.title = "杨猛很忙"  # now the plain sentence names the title: 3 points, no longer 0
    role.save()
    assert [(g["citation"].pk, g["states"]) for g in ranked_role(career).others] == [(career["plain"].pk, 3)]
    assert_in_step()


def test_deleting_citations_and_articles_keeps_the_ranking_in_step(career):
    Annotation.objects.get(pk=career["stated"].pk).delete()
    assert_in_step()
    career["copy"].delete()
    role = ranked_role(career)
    assert role.copy_count == 0 and [g["citation"].pk for g in [role.best, *role.others]] == [
        career["plain"].pk
    ]
    assert_in_step()


@pytest.mark.parametrize("seed", [5, 17])
def test_one_citation_at_a_time_moves_the_ranking_as_ranking_it_whole_would(db, reviewer, seed, monkeypatch):
    """Publishing, withdrawing, re-targeting and re-anchoring one annotation at a time leaves the
    rankings a ranking from scratch would, whether the claim moved by the citation alone
    (moves.move_citation) or, where it declined, was ranked whole."""
    archive_generate(seed=seed, articles=30, people=20, annotations=900)
    moved = []

    def counted(pk, real=moves.move_citation):
        moved.append(real(pk))
        return moved[-1]

    monkeypatch.setattr(moves, "move_citation", counted)
    rng = random.Random(seed)
    pool = list(
        Annotation.objects.filter(Q(role__isnull=False) | Q(person__isnull=False)).values_list(
            "pk", flat=True
        )
    )
    roles, people_ids = (
        list(Role.objects.values_list("pk", flat=True)),
        list(Annotation.objects.exclude(person=None).values_list("person", flat=True).distinct()),
    )
    for _ in range(80):
        annotation = Annotation.objects.get(pk=rng.choice(pool))
        action = rng.choice(["publish", "publish", "withdraw", "retarget", "respan"])
        change = {"annotation_id": annotation.pk, "version": annotation.version, "user": reviewer}
        if action == "publish":
            change["status"] = Status.PUBLISHED
        elif action == "withdraw":
            change["status"] = Status.REVIEWED
        elif action == "retarget":
            kind = "role" if annotation.role_id or not annotation.person_id else "person"
            model = Role if kind == "role" else Person
            change |= {
                "kind": kind,
                "target": model.objects.get(pk=rng.choice(roles if kind == "role" else people_ids)),
            }
        else:
            text = annotation.paragraph.text
            start = rng.randrange(max(1, len(text) - 4))
            change["span"] = (start, min(len(text), start + rng.randint(4, 24)))
        try:
            annotation_update(**change)
        except AnnotationError:
            continue
        assert_in_step()
    assert moved.count(True) >= 20


def test_a_citation_that_refolds_others_ranks_its_claim_whole(career, monkeypatch):
    """Withdrawing the only original of a sentence a reprint copies makes the copy a sentence of
    its own, and publishing it again folds the copy back: the claim is ranked whole both times;
    the reprint's copy itself, and a sentence of new words, move by themselves."""
    moved = []

    def counted(pk, real=moves.move_citation):
        moved.append((pk, real(pk)))
        return moved[-1][1]

    monkeypatch.setattr(moves, "move_citation", counted)
    for key, status in (("stated", Status.DRAFT), ("stated", Status.PUBLISHED), ("reprinted", Status.DRAFT)):
        annotations_set_status(queryset=Annotation.objects.filter(pk=career[key].pk), status=status)
        assert_in_step()
    annotations_set_status(
        queryset=Annotation.objects.filter(pk=career["reprinted"].pk), status=Status.PUBLISHED
    )
    assert_in_step()
    stated, reprinted = career["stated"].pk, career["reprinted"].pk
    assert moved == [(stated, False), (stated, False), (reprinted, True), (reprinted, True)]
