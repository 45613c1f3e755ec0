"""Each municipality's latest hosted event and exchange (exchanges.activity keeps it), filled
from the existing rows, and the nightly rebuild in the beat schedule."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from exchanges.activity import BATCH, municipality_dates

    historical = (apps.get_model("events", "Event"), apps.get_model("exchanges", "Exchange"))
    MunicipalityActivity = apps.get_model("exchanges", "MunicipalityActivity")
    ids = list(
        apps.get_model("partnerships", "Municipality")
        .objects.order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH):
        dates = municipality_dates(ids[start : start + BATCH], models=historical)
        MunicipalityActivity.objects.bulk_create(
            MunicipalityActivity(municipality_id=pk, last_event_at=event, last_exchange_on=exchange)
            for pk, (event, exchange) in dates.items()
        )


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    nightly, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="3",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Bishkek",
    )
    PeriodicTask.objects.get_or_create(
        name="Activity rebuild",
        defaults={
            "task": "exchanges.tasks.refresh_activity",
            "crontab": nightly,
            "expire_seconds": 6 * 3600,
            "description": "Rebuilds each municipality's and partnership's latest activity, which "
            "partner suggestions and partnership health read (exchanges.activity); saves keep "
            "them true between runs.",
        },
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name="Activity rebuild"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exchanges", "0003_practice_published_sector_idx"),
        ("partnerships", "0002_search_indexes"),
        ("events", "0004_event_ends_starts_idx"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.CreateModel(
            name="MunicipalityActivity",
            fields=[
                (
                    "municipality",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="activity",
                        serialize=False,
                        to="partnerships.municipality",
                        verbose_name="municipality",
                    ),
                ),
                (
                    "last_event_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="latest event hosted"),
                ),
                (
                    "last_exchange_on",
                    models.DateField(blank=True, null=True, verbose_name="latest exchange"),
                ),
            ],
            options={
                "verbose_name": "municipality activity",
                "verbose_name_plural": "municipality activity",
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(schedule, unschedule),
    ]
