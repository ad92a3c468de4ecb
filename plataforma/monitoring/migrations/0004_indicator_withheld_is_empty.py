"""A withheld indicator row holds no rating figure; a published one holds all (ADR 0023)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_protect_existing_ratings")]

    operations = [
        migrations.AddConstraint(
            model_name="monthlyindicator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("ratings_withheld", ""),
                        ("evaluations__isnull", False),
                        ("score_sum__isnull", False),
                        ("score_1__isnull", False),
                        ("score_2__isnull", False),
                        ("score_3__isnull", False),
                        ("score_4__isnull", False),
                        ("score_5__isnull", False),
                    ),
                    models.Q(
                        models.Q(("ratings_withheld", ""), _negated=True),
                        ("evaluations__isnull", True),
                        ("score_sum__isnull", True),
                        ("score_1__isnull", True),
                        ("score_2__isnull", True),
                        ("score_3__isnull", True),
                        ("score_4__isnull", True),
                        ("score_5__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="monitoring_indicator_withheld_is_empty",
            ),
        ),
    ]
