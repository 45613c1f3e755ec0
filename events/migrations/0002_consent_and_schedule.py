"""Data the events app needs to work: the first consent text participants agree to, and the
beat schedule of the reminder sweep (editable by coordinators under Periodic tasks)."""

import datetime

from django.db import migrations

CONSENT_TEXT = {
    "ru": (
        "Я согласен(на) на обработку моих персональных данных (имя, адрес электронной почты, "
        "организация, роль, язык) Государственным агентством по делам местного самоуправления "
        "и межэтнических отношений и Союзом российских городов для организации мероприятия и "
        "направления мне напоминаний и уведомлений о нём. Я могу в любой момент попросить "
        "удалить мои данные; анонимный учёт участия при этом сохраняется."
    ),
    "ky": (
        "Мен өзүмдүн жеке маалыматтарымды (аты-жөнүм, электрондук почтамдын дареги, уюмум, "
        "ролум, тилим) Жергиликтүү өз алдынча башкаруу иштери жана этностор аралык мамилелер "
        "боюнча мамлекеттик агенттик жана Россия шаарларынын союзу тарабынан иш-чараны "
        "уюштуруу жана мага ал тууралуу эскертүүлөрдү жана билдирүүлөрдү жөнөтүү үчүн иштетүүгө "
        "макулмун. Каалаган убакта маалыматтарымды өчүрүүнү сурай алам; катышуунун анонимдүү "
        "эсеби сакталат."
    ),
    "en": (
        "I agree to the processing of my personal data (name, e-mail address, organisation, "
        "role, language) by the State Agency for Local Self-Government and Interethnic "
        "Relations and the Union of Russian Cities to organise the event and to send me "
        "reminders and notices about it. I may ask at any time for my data to be erased; the "
        "anonymous count of participation is kept."
    ),
}


def create(apps, schema_editor):
    ConsentText = apps.get_model("events", "ConsentText")
    ConsentText.objects.get_or_create(
        version="2026-1",
        defaults={
            "published_on": datetime.date(2026, 11, 1),
            "text": CONSENT_TEXT["ru"],
            "text_ru": CONSENT_TEXT["ru"],
            "text_ky": CONSENT_TEXT["ky"],
            "text_en": CONSENT_TEXT["en"],
        },
    )
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Send due reminders",
        defaults={
            "task": "events.tasks.send_due_reminders",
            "interval": every_minute,
            # A tick that waited longer than this in the queue is dropped; the next one covers it.
            "expire_seconds": 300,
            "description": "Plans and sends meeting reminders, cancellation notices and "
            "resolution reminders that are due (events.reminders).",
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name="Send due reminders"
    ).delete()
    apps.get_model("events", "ConsentText").objects.filter(version="2026-1").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
