"""Querysets compiled to SQL once, then run again and again with other parameter values.

Building and compiling a queryset with the public rule's nested ``EXISTS`` costs more than
running it (5 ms against well under 1 ms for a person looked up by slug), and a public page runs
the same handful of queries for every record. A ``Prepared`` query is written as a function of
its parameters that returns a ``values()`` queryset; the first run in each thread compiles it
once with marker values in place of the parameters, and later runs send the same SQL with the
real values, converted as Django converts them (dates, booleans). The rule stays the ORM's: the
SQL is Django's own, only reused.

    @prepared(person=int)
    def aliases(person):
        return Alias.objects.filter(person_id=person).values("name", "kind")

    aliases(person=12)  # [{"name": "老榕", "kind": "nickname"}, …]

Parameters are scalars (int or str) that reach the SQL as themselves: a lookup that rewrites
its value (``icontains``) is refused when the query is compiled. A list of ids is a parameter of
a fixed length (``ids=Ids(30)``, for ``pk__in=ids``): pass at most that many, the rest of the
places are filled with an id no row has.
"""

import inspect
import itertools
import sqlite3
import threading

from django.db import DEFAULT_DB_ALIAS, connections

# Marker values stand in for the parameters while a query compiles. An int marker must fit every
# integer column it may be compared with (Django turns an out-of-range comparison into "no rows"
# before any SQL is written), so it sits just below 2**31: no real id, count or limit is there.
_MARKERS = {
    int: lambda n: 2**31 - 65_536 - 7_919 * n,
    str: lambda n: f"\x1fprepared parameter {n}\x1f",
}


class Ids:
    """The type of a parameter holding up to ``size`` ids (``pk__in=ids``)."""

    NONE = 0  # fills the places of a shorter list: no row has id 0

    def __init__(self, size):
        self.size = size

    def markers(self, numbers):
        """Return size distinct markers, drawing their numbers from the iterator numbers."""
        return [_MARKERS[int](next(numbers)) for _ in range(self.size)]


class PreparedError(TypeError):
    """A prepared query whose parameters do not reach its SQL as plain values."""


class Compiled:
    """One query's SQL, where each parameter goes in it, its column names and converters."""

    def __init__(self, compiler, sql, slots, names, converters):
        self.compiler, self.sql, self.slots = compiler, sql, slots
        self.names, self.converters = names, converters
        self.qmark_sql = _qmark(sql) if compiler.connection.vendor == "sqlite" else None

    def params(self, values):
        return [slot.value(values) if isinstance(slot, _Slot) else slot for slot in self.slots]

    def rows(self, connection, values):
        with _cursor(connection) as cursor:
            if (
                self.qmark_sql is not None
                and not connection.queries_logged
                and not connection.execute_wrappers
            ):
                # Django's SQLite cursor rewrites "%s" to "?" with a regular expression on every
                # run, which for a page's ranked queries cost more than SQLite ran them; this
                # SQL was rewritten once. Errors are still Django's (wrap_database_errors).
                with connection.wrap_database_errors:
                    sqlite3.Cursor.execute(cursor.cursor, self.qmark_sql, self.params(values))
                    rows = cursor.cursor.fetchall()
            else:
                cursor.execute(self.sql, self.params(values))
                rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        return rows


def _qmark(sql):
    """Return SQL with Django's "%s" placeholders as sqlite3's "?", as Django's SQLite cursor does."""
    from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

    return FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")


def _cursor(connection):
    """Return a cursor for a prepared query: on PostgreSQL one binding its parameters on the
    server, so the server prepares the statement once per connection and plans it from then on
    without the values (Django's cursors send each query with its values written in, planned
    afresh every time: 1–4 ms a query, and planned for the busiest person as if every claim were
    theirs). While queries are logged (DEBUG, tests counting them) Django's own cursor runs them,
    so the log shows each with its values."""
    if connection.vendor != "postgresql" or connection.queries_logged:
        return connection.cursor()
    import psycopg

    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = connection.connection
    if raw.prepare_threshold is None:  # Django turns preparing off; only this cursor binds on the server
        raw.prepare_threshold = 0
    return connection.make_cursor(psycopg.Cursor(raw))


class _Slot:
    """Where a parameter goes in the SQL: its name, its place in a list of ids, and the type the
    backend gave its marker (PostgreSQL's Int4 or Int8 for an integer column: kept)."""

    __slots__ = ("name", "index", "wrap")

    def __init__(self, name, index=None, wrap=None):
        self.name, self.index, self.wrap = name, index, wrap

    def placed(self, param):
        """Return this slot for the marker param, keeping the type the backend wrapped it in."""
        wrap = type(param) if type(param) not in (int, str) else None
        return _Slot(self.name, self.index, wrap)

    def value(self, values):
        given = values[self.name]
        if self.index is not None:
            given = given[self.index] if self.index < len(given) else Ids.NONE
        return self.wrap(given) if self.wrap else given


class Prepared:
    """A values() query compiled once per thread and database, called with keyword parameters."""

    def __init__(self, build, types):
        self.build, self.types = build, types
        self.__doc__, self.__name__ = build.__doc__, build.__name__
        parameters = inspect.signature(build).parameters
        named = {name for name, p in parameters.items() if p.kind != inspect.Parameter.VAR_KEYWORD}
        flexible = len(named) < len(parameters)
        missing = (named - set(types)) if flexible else (named ^ set(types))
        if missing:
            raise PreparedError(f"{build.__name__}: say the type of every parameter ({sorted(missing)})")
        self._local = threading.local()

    def __call__(self, using=DEFAULT_DB_ALIAS, **values):
        """Return the rows as dicts of the queryset's values() names."""
        self._check_sizes(values)
        compiled = self.compiled(using)
        names = compiled.names
        return [dict(zip(names, row)) for row in compiled.rows(connections[using], values)]

    def tuples(self, using=DEFAULT_DB_ALIAS, **values):
        """Return the rows as tuples, in the order of the queryset's values() names."""
        self._check_sizes(values)
        return [tuple(row) for row in self.compiled(using).rows(connections[using], values)]

    def _check_sizes(self, values):
        for name, kind in self.types.items():
            if isinstance(kind, Ids) and len(values[name]) > kind.size:
                raise PreparedError(
                    f"{self.__name__}: {name} holds {len(values[name])} ids, at most {kind.size}"
                )

    def compiled(self, using=DEFAULT_DB_ALIAS):
        """Return this thread's compiled query for the database, compiling it the first time."""
        connection = connections[using]
        found = getattr(self._local, using, None)
        if found is None or found.compiler.connection is not connection:
            found = self._compile(connection)
            setattr(self._local, using, found)
        return found

    def _compile(self, connection):
        numbers = itertools.count()  # every marker of the query distinct, lists' included
        markers = {
            name: kind.markers(numbers) if isinstance(kind, Ids) else _MARKERS[kind](next(numbers))
            for name, kind in self.types.items()
        }
        queryset = self.build(**markers)
        query = queryset.query
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        by_marker = {}
        for name, marker in markers.items():
            if isinstance(marker, list):
                by_marker.update({value: _Slot(name, index) for index, value in enumerate(marker)})
            else:
                by_marker[marker] = _Slot(name)
        slots = [by_marker[p].placed(p) if _is_marker(p, by_marker) else p for p in params]
        unused = set(markers) - {slot.name for slot in slots if isinstance(slot, _Slot)}
        if unused:
            raise PreparedError(
                f"{self.__name__}: {sorted(unused)} did not reach the SQL as plain values "
                "(a lookup that rewrites its value, a list, or a parameter the query ignores)"
            )
        names = (
            list(query.selected)
            if query.selected
            else [
                *query.extra_select,
                *query.values_select,
                *query.annotation_select,
            ]
        )
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        return Compiled(compiler, sql, slots, names, compiler.get_converters(fields))


def _is_marker(param, by_marker):
    return isinstance(param, (int, str)) and not isinstance(param, bool) and param in by_marker


def prepared(**types):
    """Decorate a function of typed parameters returning a values() queryset (see the module)."""

    def decorate(build):
        return Prepared(build, types)

    return decorate
