"""Scores move from one row per unit × node to one row per unit holding vectors over the run's nodes.

Existing runs are carried over: their rows are regrouped per unit into vectors in ``run.tree`` order.
"""

import django.db.models.deletion
import numpy as np
from django.db import migrations, models


def regroup(apps, schema_editor):  # type: ignore[no-untyped-def]
    Run = apps.get_model("indices", "Run")
    Score = apps.get_model("indices", "Score")
    UnitScores = apps.get_model("indices", "UnitScores")
    for run in Run.objects.all().iterator():
        codes = [n["code"] for n in run.tree]
        top = codes[0] if codes else None
        position = {code: i for i, code in enumerate(codes)}
        units: dict[tuple, dict] = {}
        for s in Score.objects.filter(run=run).iterator():
            if s.node not in position:
                continue
            entry = units.setdefault(
                (s.unit, s.area_id, s.zone),
                {
                    "values": np.full(len(codes), np.nan),
                    "raw": np.full(len(codes), np.nan),
                    "ranks": np.full(len(codes), np.nan, dtype="<f4"),
                    "top": None,
                },
            )
            i = position[s.node]
            entry["values"][i] = np.nan if s.value is None else s.value
            entry["raw"][i] = np.nan if s.raw is None else s.raw
            entry["ranks"][i] = np.nan if s.rank is None else s.rank
            if s.node == top:
                entry["top"] = s
        UnitScores.objects.bulk_create(
            [
                UnitScores(
                    run=run,
                    unit=unit,
                    area_id=area_id,
                    zone=zone,
                    value=getattr(e["top"], "value", None),
                    rank=getattr(e["top"], "rank", None),
                    rank_median=getattr(e["top"], "rank_median", None),
                    rank_low=getattr(e["top"], "rank_low", None),
                    rank_high=getattr(e["top"], "rank_high", None),
                    values=e["values"].astype("<f8").tobytes(),
                    raw=e["raw"].astype("<f8").tobytes() if unit == "village" else None,
                    ranks=e["ranks"].tobytes(),
                )
                for (unit, area_id, zone), e in units.items()
            ],
            batch_size=1000,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("indices", "0001_initial"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitScores",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "unit",
                    models.CharField(
                        choices=[
                            ("village", "Desa/kelurahan"),
                            ("district", "Kecamatan (rata-rata sederhana)"),
                            ("district_pop", "Kecamatan (tertimbang penduduk)"),
                            ("zone", "Zona"),
                            ("regency", "Kabupaten"),
                        ],
                        max_length=16,
                    ),
                ),
                ("zone", models.CharField(blank=True, max_length=20)),
                ("value", models.FloatField(null=True)),
                ("rank", models.PositiveIntegerField(null=True)),
                ("rank_median", models.FloatField(null=True)),
                ("rank_low", models.PositiveIntegerField(null=True)),
                ("rank_high", models.PositiveIntegerField(null=True)),
                ("values", models.BinaryField()),
                ("raw", models.BinaryField(null=True)),
                ("ranks", models.BinaryField()),
                (
                    "area",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="regions.area",
                    ),
                ),
                (
                    "run",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="units", to="indices.run"
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["run", "unit", "area"], name="indices_uni_run_id_affe39_idx"),
                    models.Index(fields=["run", "unit", "rank"], name="indices_uni_run_id_be1b7e_idx"),
                ],
            },
        ),
        migrations.RunPython(regroup, migrations.RunPython.noop),
        migrations.DeleteModel(name="Score"),
    ]
