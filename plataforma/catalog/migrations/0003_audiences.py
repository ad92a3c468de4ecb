"""Data migration: the three audiences of the platform (Resolução 002/2021 art. 1 I)."""

from django.db import migrations

CODES = ["cidadao", "empresa", "servidor"]


def add(apps, schema_editor):
    Audience = apps.get_model("catalog", "Audience")
    for code in CODES:
        Audience.objects.get_or_create(code=code)


def remove(apps, schema_editor):
    apps.get_model("catalog", "Audience").objects.filter(code__in=CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_initial")]
    operations = [migrations.RunPython(add, remove)]
