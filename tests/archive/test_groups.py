"""The editorial groups survive a database flush (transactional tests, restores) whole."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_a_flush_gives_back_the_groups_with_every_permission():
    call_command("flush", interactive=False, verbosity=0)
    editors, reviewers = Group.objects.get(name="Editors"), Group.objects.get(name="Reviewers")
    codes = {
        name: set(g.permissions.values_list("codename", flat=True))
        for name, g in [("Editors", editors), ("Reviewers", reviewers)]
    }
    assert {"change_annotation", "add_article"} <= codes["Editors"]
    assert "publish_annotation" not in codes["Editors"] and "publish_article" not in codes["Editors"]
    assert {"publish_annotation", "publish_article", "delete_annotation"} <= codes["Reviewers"]
    assert codes["Editors"] < codes["Reviewers"]


@pytest.mark.django_db
def test_the_migrated_groups_already_hold_what_ensure_groups_would_give():
    from archive.groups import ensure_groups

    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    ensure_groups()
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after
