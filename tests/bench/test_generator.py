"""The synthetic archive: reproducible from its seed, and every row as the real archive holds it."""

import pytest

from archive import public
from archive.models import Alignment, Annotation, Article, Event, Paragraph
from bench import generate
from bench.synthetic.generate import archive_generate, row_counts
from pagecache.models import ContentVersion
from people.models import Organization, Person, Role

SIZES = {"articles": 12, "people": 15, "annotations": 90}


def snapshot():
    """Return what a reader would see of the archive, without primary keys."""
    return (
        list(Person.objects.order_by("slug").values_list("slug", "name", "description")),
        list(
            Role.objects.order_by("person__slug", "sequence").values_list(
                "person__slug", "title", "organization__name", "start_edtf", "end_edtf", "current"
            )
        ),
        list(
            Paragraph.objects.order_by("article__slug", "position").values_list(
                "article__slug", "position", "kind", "text"
            )
        ),
        list(
            Annotation.objects.order_by(
                "paragraph__article__slug", "paragraph__position", "start", "status"
            ).values_list("quote", "start", "status")
        ),
    )


def wipe():
    for model in (Annotation, Alignment, Paragraph, Article, Event, Role, Person, Organization):
        model.objects.all().delete()


@pytest.fixture
def generated(db):
    return archive_generate(seed=5, **SIZES)


def test_the_same_seed_gives_the_same_archive_and_another_seed_another(generated):
    first = snapshot()
    wipe()
    archive_generate(seed=5, **SIZES)
    assert snapshot() == first
    wipe()
    archive_generate(seed=6, **SIZES)
    assert snapshot() != first


def test_sizes_are_the_ones_asked_for(generated):
    counts = row_counts()
    # Articles come back to their people until every annotation asked for has a span of its own.
    assert (counts["article"], counts["person"], counts["annotation"]) == (12, 15, 90)
    assert generated["articles"] == 12 and Article.objects.filter(reprint_of__isnull=False).count() == 2


def test_every_annotation_quotes_its_paragraph_exactly_and_cites_one_target(generated):
    for annotation in Annotation.objects.select_related("paragraph"):
        annotation.full_clean()
        assert annotation.paragraph.text[annotation.start : annotation.end] == annotation.quote
        assert annotation.target_kind in {"person", "role", "event", "organization"}


def test_role_citations_quote_the_title_and_people_citations_the_name(generated):
    for annotation in Annotation.objects.filter(role__isnull=False).select_related("role")[:30]:
        assert annotation.quote.endswith(annotation.role.title)
    for annotation in Annotation.objects.filter(person__isnull=False).select_related("person")[:30]:
        assert annotation.quote == annotation.person.name


def test_careers_run_in_sequence_with_dates_moving_forward(generated):
    for person in Person.objects.prefetch_related("roles"):
        roles = sorted(person.roles.all(), key=lambda role: role.sequence)
        assert [role.sequence for role in roles] == list(range(1, len(roles) + 1))
        assert all(a.start_lower < b.start_lower for a, b in zip(roles, roles[1:]))
        assert all(role.end_edtf for role in roles[:-1]) and all(not role.current for role in roles[:-1])
        for role in roles:
            role.full_clean()


def test_reprints_copy_paragraphs_of_their_original_with_alignments(generated):
    for reprint in Article.objects.filter(reprint_of__isnull=False):
        copies = reprint.paragraphs.filter(aligned_to__isnull=False)
        assert copies.exists()
        for paragraph in copies.prefetch_related("alignments__source"):
            sources = [a.source for a in paragraph.alignments.all()]
            assert all(source.article_id == reprint.reprint_of_id for source in sources)
            assert paragraph.text == "".join(source.text for source in sources)
        assert reprint.paragraphs.filter(kind=Paragraph.Kind.BOILERPLATE).exists()


def test_organisations_have_parents_and_aliases_and_rows_validate(generated):
    assert Organization.objects.filter(parent__isnull=False).exists()
    assert Organization.objects.filter(aliases__isnull=False).exists()
    for model in (Organization, Person, Event, Article):
        for row in model.objects.all()[:20]:
            row.full_clean(exclude=["raw_file"])


def test_generated_archive_has_public_pages_and_moves_the_content_version(
    db, client, django_capture_on_commit_callbacks
):
    before = ContentVersion.objects.current()
    with django_capture_on_commit_callbacks(execute=True):
        archive_generate(seed=2, **SIZES)
    assert ContentVersion.objects.current() == before + 1
    person = public.people().first()
    assert client.get(person.get_absolute_url()).status_code == 200


def test_command_reports_bad_sizes_in_one_line(db, capsys):
    for args in (["--articles", "many"], ["--people", "0"]):
        with pytest.raises(SystemExit) as exit:
            generate.main(args)
        assert exit.value.code == 2
    errors = capsys.readouterr().err
    assert "'many' is not a whole number" in errors and "--articles and --people" in errors
    assert Article.objects.count() == 0


def test_command_prints_what_it_made(db, capsys):
    assert generate.main(["--articles", "5", "--people", "6", "--annotations", "20", "--seed", "3"]) == 0
    assert "5 articles" in capsys.readouterr().out
