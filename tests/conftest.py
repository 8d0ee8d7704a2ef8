"""Shared fixtures: the demo archive, users in the editorial groups and small record factories."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction

from tests import factories


@pytest.fixture
def make_user(db, django_user_model):
    """Return a function creating a user, staff and in the named groups."""

    def make(username, *groups, staff=True, superuser=False):
        user = django_user_model.objects.create_user(
            username, password="pw-" + username, is_staff=staff, is_superuser=superuser
        )
        found = list(Group.objects.filter(name__in=groups))
        # A transactional test's flush removes the groups the data migration made: fail loudly.
        assert len(found) == len(set(groups)), f"missing groups {set(groups) - {g.name for g in found}}"
        user.groups.set(found)
        return user

    return make


@pytest.fixture
def editor(make_user):
    return make_user("ed", "Editors")


@pytest.fixture
def reviewer(make_user):
    return make_user("rev", "Editors", "Reviewers")


@pytest.fixture
def article(db):
    return factories.article()


@pytest.fixture(scope="module")
def demo_archive(django_db_setup, django_db_blocker):
    """Load the demo archive once for a module; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_archive, db):
    """Use the module's demo archive inside the test's own transaction."""
