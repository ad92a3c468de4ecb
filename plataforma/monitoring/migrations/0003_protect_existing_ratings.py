"""Data of the disclosure control of ratings (ADR 0023), for rows written before it:

1. An anonymous rating keeps only the month it was made: its timestamps become the first instant
   of that month in the platform's time zone (the times they had cannot be brought back: the
   reverse leaves them coarse).
2. Indicator rows computed without the control keep no rating figures: they are withheld as
   "pendente" until the hourly job rebuilds every period (IndicatorRefresh.min_ratings is still
   empty, so its next run does). The reverse writes zeros where figures are withheld (the older
   schema has no NULL there): run `manage.py monitoring_rebuild` after going back.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations
from django.db.models import Max, Min

PENDING = "pendente"
DIMENSION_KEYS = ("clareza", "facilidade", "canais", "custo", "disponibilidade", "tempo", "eficacia")
RATING_FIELDS = ("evaluations", "score_sum", "score_1", "score_2", "score_3", "score_4", "score_5")


def _month_start(year, month, zone):
    return datetime(year, month, 1, tzinfo=zone)


def coarsen_anonymous_ratings(apps, schema_editor):
    """One UPDATE per month that has anonymous ratings, never a loop over the ratings."""
    Evaluation = apps.get_model("monitoring", "Evaluation")
    anonymous = Evaluation.objects.filter(anonymous=True)
    bounds = anonymous.aggregate(first=Min("created_at"), last=Max("created_at"))
    if bounds["first"] is None:
        return
    zone = ZoneInfo(settings.TIME_ZONE)
    first, last = bounds["first"].astimezone(zone), bounds["last"].astimezone(zone)
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        after = (year + 1, 1) if month == 12 else (year, month + 1)
        start, end = _month_start(year, month, zone), _month_start(*after, zone)
        anonymous.filter(created_at__gte=start, created_at__lt=end).update(created_at=start, updated_at=start)
        year, month = after


def withhold_existing_indicator_ratings(apps, schema_editor):
    MonthlyIndicator = apps.get_model("monitoring", "MonthlyIndicator")
    MonthlyIndicator.objects.update(
        ratings_withheld=PENDING,
        dimensions={},
        dimensions_withheld=dict.fromkeys(DIMENSION_KEYS, PENDING),
        **dict.fromkeys(RATING_FIELDS, None),
    )


def zero_withheld_indicator_ratings(apps, schema_editor):
    MonthlyIndicator = apps.get_model("monitoring", "MonthlyIndicator")
    MonthlyIndicator.objects.filter(evaluations__isnull=True).update(**dict.fromkeys(RATING_FIELDS, 0))


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_disclosure_control_fields")]

    operations = [
        migrations.RunPython(coarsen_anonymous_ratings, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(
            withhold_existing_indicator_ratings, zero_withheld_indicator_ratings, elidable=False
        ),
    ]
