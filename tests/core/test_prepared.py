"""Prepared queries (core/prepared.py) give what the queryset itself gives, for any values."""

import datetime
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.prepared import Ids, PreparedError, prepared
from people.models import Person, Role
from tests import factories


@prepared(person=int)
def roles_of(person):
    return Role.objects.filter(person_id=person).order_by("pk").values("title", "start_lower", "current")


@prepared(people=Ids(3), upto=int, slug=str)
def chosen(people, upto, slug):
    return (
        Role.objects.filter(person__in=people, pk__lte=upto)
        .exclude(person__slug=slug)
        .order_by("pk")
        .values("title")
    )


@pytest.fixture
def careers(db):
    a, b, c = (factories.person(name) for name in ("杨猛", "马云", "戴珊"))
    for person, titles in ((a, ["经理", "总监"]), (b, ["董事长"]), (c, ["总裁", "CEO"])):
        for n, title in enumerate(titles, 1):
            factories.role(person, title, start_edtf=f"20{n:02d}", sequence=n, current=n == 2)
    return a, b, c


def test_rows_and_converted_values_are_the_querysets(careers):
    a, b, c = careers
    for person in careers:
        expected = list(
            Role.objects.filter(person=person).order_by("pk").values("title", "start_lower", "current")
        )
        assert roles_of(person=person.pk) == expected
    assert roles_of(person=a.pk)[1] == {
        "title": "总监",
        "start_lower": datetime.date(2002, 1, 1),
        "current": True,
    }


def titles(**values):
    return [title for (title,) in chosen.tuples(**values)]


def test_a_list_parameter_is_padded_and_every_parameter_keeps_its_place(careers):
    a, b, c = careers
    first = {role.title: role.pk for role in Role.objects.all()}
    assert titles(people=[a.pk, c.pk], upto=first["总裁"], slug="nobody") == ["经理", "总监", "总裁"]
    assert titles(people=[a.pk, b.pk, c.pk], upto=first["CEO"], slug=c.slug) == ["经理", "总监", "董事长"]
    assert titles(people=[], upto=first["CEO"], slug="nobody") == []
    with pytest.raises(PreparedError, match="at most 3"):
        chosen(people=[a.pk, b.pk, c.pk, 99], upto=1, slug="")


def test_the_query_compiles_once_per_thread_and_runs_as_one_statement(careers):
    a = careers[0]
    roles_of(person=a.pk)
    compiled = roles_of.compiled()
    with CaptureQueriesContext(connection) as queries:
        roles_of(person=a.pk)
    assert roles_of.compiled() is compiled and len(queries) == 1
    other = []
    thread = threading.Thread(target=lambda: other.append(roles_of.compiled()))
    thread.start()
    thread.join()
    assert other[0] is not compiled and other[0].sql == compiled.sql


def test_a_lookup_that_rewrites_its_value_is_refused():
    @prepared(name=str)
    def containing(name):
        return Person.objects.filter(name__icontains=name).values("pk")

    with pytest.raises(PreparedError, match="did not reach the SQL"):
        containing.compiled()


def test_every_parameter_needs_its_type():
    with pytest.raises(PreparedError, match="say the type"):

        @prepared(person=int)
        def untyped(person, slug):
            return Person.objects.filter(pk=person, slug=slug).values("pk")


def test_on_postgresql_a_prepared_query_is_prepared_by_the_server_and_gives_the_same_rows(careers):
    if connection.vendor != "postgresql":
        pytest.skip("server-side preparing is PostgreSQL's")
    a, b, c = careers
    assert not connection.queries_logged
    # Past the server's five custom plans it may plan once without values: same rows.
    for _ in range(8):
        for person in careers:
            expected = list(
                Role.objects.filter(person=person).order_by("pk").values("title", "start_lower", "current")
            )
            assert roles_of(person=person.pk) == expected
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%people_role%"]
        )
        assert cursor.fetchone()[0] >= 1


def test_on_sqlite_the_sql_is_rewritten_once_and_errors_stay_djangos(careers):
    if connection.vendor != "sqlite":
        pytest.skip("the placeholder rewrite is SQLite's")
    from django.db.utils import OperationalError

    a = careers[0]
    compiled = roles_of.compiled()
    assert "%s" not in compiled.qmark_sql and compiled.qmark_sql.count("?") == compiled.sql.count("%s")
    logged, unlogged = None, roles_of(person=a.pk)
    with CaptureQueriesContext(connection):  # logged: through Django's own cursor
        logged = roles_of(person=a.pk)
    assert unlogged == logged and [row["title"] for row in unlogged] == ["经理", "总监"]
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE people_role")  # rolled back with the test's transaction
    with pytest.raises(OperationalError, match="no such table"):
        roles_of(person=a.pk)
