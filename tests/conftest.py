"""Shared fixtures: users in the editorial groups and small record factories."""

import pytest
from django.contrib.auth.models import Group

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
