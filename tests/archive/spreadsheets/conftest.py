"""Fixtures for the CSV tests: the demo archive loaded once per module, and archive snapshots."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_archive(django_db_setup, django_db_blocker):
    """Load the demo archive once for a module; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def snapshot():
    """Return the archive's content: every row of every project table, history included."""
    state = {}
    for app in ("people", "archive"):
        for model in apps.get_app_config(app).get_models():
            rows = model.objects.order_by("pk").values()
            state[model._meta.label] = [tuple(sorted((k, str(v)) for k, v in row.items())) for row in rows]
    return state


def run(*args, **kwargs):
    """Run a management command; return (stdout, stderr)."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def english():
    """Check messages in English; the Chinese catalogue translates the same strings."""
    from django.utils import translation

    with translation.override("en"):
        yield
