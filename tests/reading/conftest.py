"""The demo archive, loaded once per test module and rolled back afterwards."""

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_archive(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo", verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def demo(demo_archive, db):
    """Use the module's demo archive inside the test's own transaction."""
