"""The editorial groups: Editors curate; Reviewers also publish, delete and import.

The data migrations created them. ``ensure_groups`` runs after every ``migrate`` and every
database flush (Django's post_migrate signal) and gives back any group or permission missing,
so a flushed database (a transactional test, a restored backup) never leaves editors without
their rights. It only adds: permissions an administrator granted on top stay.
"""

import importlib

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

GROUPS_MIGRATION = "archive.migrations.0002_editor_groups"
# Permissions added after the groups were first made (migration 0008: articles go public by review).
REVIEWER_EXTRA = [("archive", "publish_article")]


def group_codes():
    """Return {group name: [(app label, codename)]} as the archive needs them today."""
    first = importlib.import_module(GROUPS_MIGRATION)
    return {
        "Editors": first.editor_codes(),
        "Reviewers": first.reviewer_codes() + REVIEWER_EXTRA,
    }


def ensure_groups(*, apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs):
    """Create the Editors and Reviewers groups and add any of their permissions they lack."""
    for label in ("people", "archive"):
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in group_codes().items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        wanted = set(codes)
        found = (
            Permission.objects.using(using)
            .filter(
                content_type__app_label__in={app for app, _ in wanted}, codename__in={c for _, c in wanted}
            )
            .select_related("content_type")
        )
        group.permissions.add(*[p for p in found if (p.content_type.app_label, p.codename) in wanted])
