"""The member classes of ADR 0033 (reference data; reversible)."""

import uuid

from django.db import migrations

CLASSES = [
    ("GOV", "Órgãos e entidades do Estado de Mato Grosso"),
    ("MUN", "Municípios"),
    ("COM", "Empresas"),
    ("ORG", "Outras entidades"),
]


def add(apps, schema_editor):
    MemberClass = apps.get_model("xvia_central", "MemberClass")
    for code, description in CLASSES:
        MemberClass.objects.get_or_create(
            code=code, defaults={"id": uuid.uuid4(), "description": description}
        )


def remove(apps, schema_editor):
    MemberClass = apps.get_model("xvia_central", "MemberClass")
    MemberClass.objects.filter(code__in=[c for c, _ in CLASSES], members__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("xvia_central", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
