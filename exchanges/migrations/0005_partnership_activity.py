"""Each partnership's latest event, exchange and project (exchanges.activity keeps them), filled
from the existing rows."""

import django.db.models.deletion
from django.db import migrations, models

def fill(apps, schema_editor):
    from exchanges.activity import BATCH, partnership_dates

    models_ = (
        apps.get_model("partnerships", "Partnership"),
        apps.get_model("events", "Event"),
        apps.get_model("exchanges", "Exchange"),
        apps.get_model("partnerships", "Project"),
    )
    PartnershipActivity = apps.get_model("exchanges", "PartnershipActivity")
    ids = list(models_[0].objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        dates = partnership_dates(ids[start : start + BATCH], models=models_)
        PartnershipActivity.objects.bulk_create(
            PartnershipActivity(
                partnership_id=pk,
                last_event_at=event,
                last_exchange_on=exchange,
                last_project_on=project,
                ongoing_project=ongoing,
            )
            for pk, (event, exchange, project, ongoing) in dates.items()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("exchanges", "0004_municipality_activity"),
        ("partnerships", "0002_search_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="PartnershipActivity",
            fields=[
                (
                    "partnership",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="activity",
                        serialize=False,
                        to="partnerships.partnership",
                        verbose_name="partnership",
                    ),
                ),
                (
                    "last_event_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="latest event"),
                ),
                (
                    "last_exchange_on",
                    models.DateField(blank=True, null=True, verbose_name="latest exchange"),
                ),
                (
                    "last_project_on",
                    models.DateField(blank=True, null=True, verbose_name="latest project"),
                ),
                (
                    "ongoing_project",
                    models.BooleanField(default=False, verbose_name="project under way"),
                ),
            ],
            options={
                "verbose_name": "partnership activity",
                "verbose_name_plural": "partnership activity",
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
