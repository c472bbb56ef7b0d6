"""A summary stored with each run for its pages (distribution of ranks and scores, counts, rank interval width).

Runs stored before get theirs built from their rows the first time a page asks (petakan.indices.summary.of),
so no data migration is needed and none is ever wrong."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indices", "0002_unit_score_vectors"),
    ]

    operations = [
        migrations.CreateModel(
            name="RunSummary",
            fields=[
                (
                    "run",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="indices.run",
                    ),
                ),
                ("version", models.PositiveSmallIntegerField(default=1)),
                ("data", models.JSONField(default=dict)),
                ("area_ids", models.BinaryField()),
                ("ranks", models.BinaryField()),
                ("values", models.BinaryField()),
                ("order", models.BinaryField()),
            ],
        ),
    ]
