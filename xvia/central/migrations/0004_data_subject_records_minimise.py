"""Data migration before 0005: the same signed request reported by two security servers of one
member became two rows; keep the earliest. Mask X-Road-Issue as services.tracker now does (runs
of 11 or more digits → ***, at most 100 characters) so 0005 can shorten the column."""

import re

from django.db import migrations
from django.db.models import Count

_LONG_NUMBER_RE = re.compile(r"\d(?:[.\-/\s]?\d){10,}")  # as services.tracker (frozen here)


def forwards(apps, schema_editor):
    record = apps.get_model("xvia_central", "DataSubjectRecord")
    repeated = (
        record.objects.values("descriptor_sha256")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("descriptor_sha256", flat=True)
    )
    for digest in list(repeated):
        rows = list(record.objects.filter(descriptor_sha256=digest).order_by("created_at", "id"))
        record.objects.filter(pk__in=[row.pk for row in rows[1:]]).delete()
    for row in record.objects.exclude(issue="").only("id", "issue").iterator():
        issue = _LONG_NUMBER_RE.sub("***", row.issue)[:100]
        if issue != row.issue:
            record.objects.filter(pk=row.pk).update(issue=issue)


class Migration(migrations.Migration):
    dependencies = [
        ("xvia_central", "0003_data_subject_records"),
    ]

    operations = [
        # deleted duplicates and masked digits cannot come back: reversing changes nothing
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
