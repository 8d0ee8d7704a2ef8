"""Re-derive the pinyin keys of existing names: surnames by their own reading (曾 zeng), no
Chinese pinyin for foreign transliterations (彼得·蒂尔) or English aliases.

Historical models have no ``save()`` logic, so the keys are computed here with textkit's
functions, the same ones ``NameKeysMixin`` calls.
"""

from django.db import migrations

from textkit.pinyin import compact_key, initials, pinyin


def rederive(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Alias = apps.get_model("people", "Alias")
    Organization = apps.get_model("people", "Organization")
    for person in Person.objects.all():
        person.pinyin = pinyin(person.name, surname=True)
        person.pinyin_key = compact_key(person.name, surname=True)
        person.initials = initials(person.name, surname=True)
        person.save(update_fields=["pinyin", "pinyin_key", "initials"])
    for alias in Alias.objects.all():
        english = alias.kind == "english"
        alias.pinyin = "" if english else pinyin(alias.name, surname=True)
        alias.pinyin_key = compact_key(alias.name, surname=not english)
        alias.save(update_fields=["pinyin", "pinyin_key"])
    for organization in Organization.objects.all():
        organization.pinyin = pinyin(organization.name)
        organization.pinyin_key = compact_key(organization.name)
        organization.save(update_fields=["pinyin", "pinyin_key"])


class Migration(migrations.Migration):
    dependencies = [("people", "0002_trust_constraints")]

    operations = [migrations.RunPython(rederive, migrations.RunPython.noop)]
