"""Beat schedule of the coordinators' weekly digest: Mondays 08:00, Bishkek time (editable by
coordinators under Periodic tasks)."""

from django.db import migrations


def create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    monday_morning, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="8", day_of_week="1", day_of_month="*", month_of_year="*",
        timezone="Asia/Bishkek",
    )
    PeriodicTask.objects.get_or_create(
        name="Weekly digest for coordinators",
        defaults={
            "task": "exchanges.tasks.send_weekly_digest",
            "crontab": monday_morning,
            "expire_seconds": 6 * 3600,
            "description": "Partnerships gone dormant, unanswered partner requests and the "
            "meetings of the next two weeks (exchanges.digest).",
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name="Weekly digest for coordinators"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exchanges", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
