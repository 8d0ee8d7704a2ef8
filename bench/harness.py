"""The benchmark's temporary database and Django set-up, on SQLite or PostgreSQL.

``DATABASE_URL`` chooses the engine, as for the site. On SQLite the bench works in a fresh
file under a temporary directory; on PostgreSQL it creates a fresh database on the same server
and drops it at the end. The project's own database (var/annals.sqlite3) is never opened.
"""

import contextlib
import os
import secrets
import shutil
import tempfile
from urllib.parse import urlsplit, urlunsplit

# The site as it runs in production (DEBUG off), reachable over plain HTTP on loopback.
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "DJANGO_LOG_LEVEL": "ERROR",
}


@contextlib.contextmanager
def temporary_database(server_url=None):
    """Yield the URL of a fresh, empty database on the engine server_url names; remove it after."""
    server_url = server_url if server_url is not None else os.environ.get("DATABASE_URL", "")
    scheme = urlsplit(server_url).scheme
    if scheme.startswith("postgres"):
        with _postgres_database(server_url) as url:
            yield url
        return
    folder = tempfile.mkdtemp(prefix="annals-bench-")
    try:
        yield f"sqlite:///{folder}/bench.sqlite3"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _postgres_database(server_url):
    import psycopg

    parts = urlsplit(server_url)
    name = f"annals_bench_{os.getpid()}_{secrets.token_hex(3)}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        _close_django_connections()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _close_django_connections():
    with contextlib.suppress(Exception):
        from django.db import connections

        connections.close_all()


def setup_django(database_url):
    """Point this process's settings at database_url, set Django up and migrate; return the env."""
    env = {**SERVER_ENV, "DATABASE_URL": database_url}
    os.environ.update(env)
    # Pages are measured as rendered here; the served site (gunicorn) keeps its page cache on.
    os.environ["ANNALS_PAGE_CACHE_SECONDS"] = "0"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return env


def engine_name():
    from django.db import connection

    return connection.vendor
