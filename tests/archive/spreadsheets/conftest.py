"""Fixtures for the CSV tests: the demo archive loaded once per module, and archive snapshots."""

import pytest
from django.apps import apps
from django.core.management import call_command


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
