"""Schema of the disclosure control of ratings (ADR 0023): the indicators' rating figures may be
NULL (withheld) with the reason; evaluations' timestamps are written by the service (an anonymous
rating keeps its month only). The data follow in 0003, the constraint tying them in 0004."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_sqlite_search"),
        ("monitoring", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatorrefresh",
            name="min_ratings",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="monthlyindicator",
            name="dimensions_withheld",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="monthlyindicator",
            name="ratings_withheld",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "publicadas"),
                    ("poucas", "menos avaliações que o mínimo publicado"),
                    ("complementar", "supressão complementar"),
                    ("em_curso", "período ainda em curso"),
                    ("pendente", "em revisão"),
                ],
                default="pendente",
                max_length=12,
                verbose_name="notas suprimidas",
            ),
        ),
        migrations.AlterField(
            model_name="evaluation",
            name="created_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, verbose_name="criada em"
            ),
        ),
        migrations.AlterField(
            model_name="evaluation",
            name="updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="atualizada em"),
        ),
        migrations.AlterField(
            model_name="monthlyindicator",
            name="evaluations",
            field=models.PositiveIntegerField(blank=True, default=0, null=True),
        ),
        migrations.AlterField(
            model_name="monthlyindicator",
            name="score_1",
            field=models.PositiveIntegerField(blank=True, default=0, null=True),
        ),
        migrations.AlterField(
            model_name="monthlyindicator",
            name="score_2",
            field=models.PositiveIntegerField(blank=True, default=0, null=True),
        ),
        migrations.AlterField(
            model_name="monthlyindicator",
            name="score_3",
            field=models.PositiveIntegerField(blank=True, default=0, null=True),
        ),
        migrations.AlterField(
            model_name="monthlyindicator",
            name="score_4",
            field=models.PositiveIntegerField(blank=True, default=0, null=True),
        ),
        migrations.AlterField(
            model_name="monthlyindicator",
            name="score_5",
            field=models.PositiveIntegerField(blank=True, default=0, null=True),
        ),
        migrations.AlterField(
            model_name="monthlyindicator",
            name="score_sum",
            field=models.PositiveIntegerField(blank=True, default=0, null=True),
        ),
    ]
