"""Create the Editors and Reviewers groups with their permissions.

Editors add and change sources, authority records and annotations, and export. Reviewers can
do all that, and also publish annotations, delete, and import.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = {
    "people": ["person", "alias", "organization", "organizationalias", "role"],
    "archive": ["article", "paragraph", "alignment", "event", "annotation"],
}
EXPORTABLE = [
    ("people", "person"),
    ("people", "organization"),
    ("people", "role"),
    ("archive", "event"),
    ("archive", "annotation"),
]


def _codes(actions):
    return [
        (app, f"{action}_{model}") for app, models in MODELS.items() for model in models for action in actions
    ]


def editor_codes():
    return _codes(["view", "add", "change"]) + [(app, f"export_{model}") for app, model in EXPORTABLE]


def reviewer_codes():
    extra = _codes(["delete"]) + [(app, f"import_{model}") for app, model in EXPORTABLE]
    return editor_codes() + extra + [("archive", "publish_annotation")]


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    for app_label in MODELS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in [("Editors", editor_codes()), ("Reviewers", reviewer_codes())]:
        group, _ = Group.objects.get_or_create(name=name)
        perms = [Permission.objects.get(content_type__app_label=app, codename=code) for app, code in codes]
        group.permissions.add(*perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("people", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
