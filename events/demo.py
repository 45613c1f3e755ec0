"""Demo meetings for trying the portal out (load_reference_data --demo); all marked is_demo.

Times are relative to today so that the demo always has upcoming meetings and past ones.
"""

import datetime
import zoneinfo

from django.utils import timezone

from core.choices import Country
from core.upsert import UpsertReport, upsert
from partnerships.models import Goal, Municipality, Party

from .choices import EventKind, EventStatus, MemberRole, ParticipantRole, ResolutionStatus
from .models import AgendaItem, ConsentText, Event, Participant, Resolution, WorkingGroup

BISHKEK = zoneinfo.ZoneInfo("Asia/Bishkek")
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


def _at(days: int, hour: int, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)


def load_demo() -> UpsertReport:
    report = UpsertReport()
    group = upsert(
        WorkingGroup,
        {"name_ru": "Демо: совместная рабочая группа по местному самоуправлению"},
        {
            "name_ky": "Демо: жергиликтүү өз алдынча башкаруу боюнча биргелешкен жумушчу топ",
            "name_en": "Demo: joint working group on local self-government",
        },
        report,
    )
    group.parties.set(Party.objects.all())
    group.members.get_or_create(
        name="Демо Координатор",
        defaults={"role": MemberRole.CO_CHAIR, "email": "demo.chair@example.org"},
    )
    bishkek = Municipality.objects.get(region__country=Country.KYRGYZSTAN, name_ru="Бишкек")
    ufa = Municipality.objects.get(region__country=Country.RUSSIA, name_ru="Уфа")
    consent = ConsentText.objects.latest()

    past = upsert(
        Event,
        {"title_ru": "Демо: заседание рабочей группы в Бишкеке", "is_demo": True},
        {
            "title_ky": "Демо: жумушчу топтун Бишкектеги жыйыны",
            "title_en": "Demo: working group meeting in Bishkek",
            "kind": EventKind.WORKING_GROUP_MEETING,
            "status": EventStatus.HELD,
            "starts_at": _at(-40, 10, BISHKEK),
            "ends_at": _at(-40, 17, BISHKEK),
            "timezone": "Asia/Bishkek",
            "venue_ru": "Мэрия г. Бишкек, зал заседаний",
            "host_municipality": bishkek,
            "working_group": group,
            "outcomes_ru": "Согласован план обменов на год.",
        },
        report,
    )
    upsert(
        Resolution,
        {"event": past, "text_ru": "Демо: подготовить программу молодёжного обмена"},
        {
            "text_ky": "Демо: жаштар алмашуусунун программасын даярдоо",
            "text_en": "Demo: prepare the youth exchange programme",
            "responsible_municipality": bishkek,
            "contact_name": "Демо Координатор",
            "contact_email": "demo.chair@example.org",
            "due_on": timezone.localdate() + datetime.timedelta(days=20),
            "status": ResolutionStatus.OPEN,
        },
        report,
    )
    upcoming = upsert(
        Event,
        {"title_ru": "Демо: круглый стол «Цифровой муниципалитет» в Уфе", "is_demo": True},
        {
            "title_ky": "Демо: Уфадагы «Санариптик муниципалитет» тегерек үстөлү",
            "title_en": "Demo: round table “Digital municipality” in Ufa",
            "kind": EventKind.ROUND_TABLE,
            "status": EventStatus.CONFIRMED,
            "starts_at": _at(10, 11, MOSCOW),
            "ends_at": _at(10, 16, MOSCOW),
            "timezone": "Europe/Moscow",
            "venue_ru": "Администрация г. Уфы",
            "host_municipality": ufa,
            "online_url": "https://example.org/demo-round-table",
        },
        report,
    )
    upcoming.organising_municipalities.set([bishkek, ufa])
    upcoming.goals.set(Goal.objects.filter(number__in=["2.4", "2.6"]))
    past.goals.set(Goal.objects.filter(number__in=["2.3"]))
    for order, (title_ru, title_en) in enumerate(
        [
            ("Открытие", "Opening"),
            ("Цифровые услуги мэрий", "Digital services of city halls"),
            ("Подписание плана", "Signing of the plan"),
        ]
    ):
        upsert(
            AgendaItem,
            {"event": upcoming, "order": order},
            {"title_ru": title_ru, "title_en": title_en},
            report,
        )
    for email, name, language, role in (
        ("demo.ky@example.org", "Демо Участник (Бишкек)", "ky", ParticipantRole.DELEGATE),
        ("demo.ru@example.org", "Демо Участник (Уфа)", "ru", ParticipantRole.SPEAKER),
    ):
        upsert(
            Participant,
            {"event": upcoming, "email": email},
            {
                "name": name,
                "preferred_language": language,
                "role": role,
                "consent_text": consent,
                "consent_given_at": _at(-1, 9, BISHKEK),
            },
            report,
        )
    return report
