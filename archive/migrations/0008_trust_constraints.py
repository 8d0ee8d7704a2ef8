"""Trust: the annotation key enforced, article publishing as its own permission (Reviewers).

Before the unique constraints, duplicate annotations (what two concurrent imports of one file
used to leave) are merged: the oldest of each group is kept, the later copies deleted.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import core.text

TARGETS = ("person", "role", "event", "organization")


def merge_duplicates(apps, schema_editor):
    Annotation = apps.get_model("archive", "Annotation")
    seen, duplicates = set(), []
    rows = Annotation.objects.order_by("pk").values_list(
        "pk", "paragraph_id", "start", "end", *[f"{t}_id" for t in TARGETS]
    )
    for pk, *key in rows.iterator(chunk_size=5000):
        if tuple(key) in seen:
            duplicates.append(pk)
        seen.add(tuple(key))
    for start in range(0, len(duplicates), 500):
        Annotation.objects.filter(pk__in=duplicates[start : start + 500]).delete()


def grant_publish_article(apps, schema_editor):
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.get(content_type__app_label="archive", codename="publish_article")
    for group in Group.objects.filter(name="Reviewers"):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_article_retrieved_at"),
        ("people", "0002_trust_constraints"),
        ("archive", "0002_editor_groups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(merge_duplicates, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": [models.OrderBy(models.F("published_lower"), nulls_last=True), "title"],
                "permissions": [("publish_article", "Can publish and withdraw articles")],
                "verbose_name": "article",
                "verbose_name_plural": "articles",
            },
        ),
        migrations.AlterField(
            model_name="annotation",
            name="body",
            field=models.TextField(
                blank=True,
                help_text="For a note annotation: the note itself.",
                validators=[core.text.validate_text],
                verbose_name="note",
            ),
        ),
        migrations.AlterField(
            model_name="annotation",
            name="comment",
            field=models.TextField(
                blank=True, validators=[core.text.validate_text], verbose_name="editor's comment"
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="title",
            field=models.CharField(
                help_text="As published; a title devised by the archive goes in [square brackets].",
                max_length=300,
                validators=[core.text.validate_name],
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="title",
            field=models.CharField(
                max_length=300, validators=[core.text.validate_name], verbose_name="title"
            ),
        ),
        migrations.AlterField(
            model_name="historicalannotation",
            name="body",
            field=models.TextField(
                blank=True,
                help_text="For a note annotation: the note itself.",
                validators=[core.text.validate_text],
                verbose_name="note",
            ),
        ),
        migrations.AlterField(
            model_name="historicalannotation",
            name="comment",
            field=models.TextField(
                blank=True, validators=[core.text.validate_text], verbose_name="editor's comment"
            ),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="title",
            field=models.CharField(
                help_text="As published; a title devised by the archive goes in [square brackets].",
                max_length=300,
                validators=[core.text.validate_name],
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="historicalevent",
            name="title",
            field=models.CharField(
                max_length=300, validators=[core.text.validate_name], verbose_name="title"
            ),
        ),
        migrations.AddConstraint(
            model_name="annotation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("person__isnull", False)),
                fields=("paragraph", "start", "end", "person"),
                name="annotation_unique_person_span",
            ),
        ),
        migrations.AddConstraint(
            model_name="annotation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("role__isnull", False)),
                fields=("paragraph", "start", "end", "role"),
                name="annotation_unique_role_span",
            ),
        ),
        migrations.AddConstraint(
            model_name="annotation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("event__isnull", False)),
                fields=("paragraph", "start", "end", "event"),
                name="annotation_unique_event_span",
            ),
        ),
        migrations.AddConstraint(
            model_name="annotation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("organization__isnull", False)),
                fields=("paragraph", "start", "end", "organization"),
                name="annotation_unique_organization_span",
            ),
        ),
        migrations.AddConstraint(
            model_name="annotation",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("event__isnull", True),
                    ("organization__isnull", True),
                    ("person__isnull", True),
                    ("role__isnull", True),
                ),
                fields=("paragraph", "start", "end"),
                name="annotation_unique_note_span",
            ),
        ),
        migrations.RunPython(grant_publish_article, migrations.RunPython.noop),
    ]
