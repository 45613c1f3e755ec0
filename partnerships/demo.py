"""Demo projects for trying the portal out (load_reference_data --demo); all marked is_demo."""

import datetime
from decimal import Decimal

from core.choices import Country, Currency
from core.upsert import UpsertReport, upsert

from .choices import ProjectKind, ProjectRole, ProjectStatus
from .models import ActivityType, Goal, Municipality, Partnership, Project, ProjectParticipation
from .reference_data.memorandum_2017 import SLUG as MEMORANDUM_2017

DEMO_PROJECTS = (
    {
        "key": "Демо: школа муниципального управления Бишкек – Уфа",
        "title": {
            "ru": "Демо: школа муниципального управления Бишкек – Уфа",
            "ky": "Демо: Бишкек – Уфа муниципалдык башкаруу мектеби",
            "en": "Demo: Bishkek – Ufa school of municipal management",
        },
        "summary": {
            "ru": "Стажировки специалистов мэрий по бюджету и закупкам.",
            "ky": "Мэриялардын адистерин бюджет жана сатып алуулар боюнча стажировкадан өткөрүү.",
            "en": "Internships for city hall staff on budgeting and procurement.",
        },
        "kind": ProjectKind.EDUCATIONAL,
        "status": ProjectStatus.IN_PROGRESS,
        "pair": ("Бишкек", "Уфа"),
        "starts_on": datetime.date(2025, 3, 1),
        "ends_on": datetime.date(2026, 12, 31),
        "budget": Decimal("2500000.00"),
        "currency": Currency.RUB,
        "goals": ("2.1", "2.6"),
        "activity_types": ("3.2", "3.3"),
    },
    {
        "key": "Демо: молодёжный фестиваль «Ош – Ростов»",
        "title": {
            "ru": "Демо: молодёжный фестиваль «Ош – Ростов»",
            "ky": "Демо: «Ош – Ростов» жаштар фестивалы",
            "en": "Demo: Osh – Rostov youth festival",
        },
        "summary": {
            "ru": "Обмен творческими коллективами и волонтёрами.",
            "ky": "Чыгармачыл жамааттар жана волонтёрлор менен алмашуу.",
            "en": "An exchange of performing groups and volunteers.",
        },
        "kind": ProjectKind.YOUTH,
        "status": ProjectStatus.PLANNED,
        "pair": ("Ош", "Ростов-на-Дону"),
        "starts_on": datetime.date(2026, 6, 1),
        "ends_on": datetime.date(2026, 6, 10),
        "budget": Decimal("1800000.00"),
        "currency": Currency.KGS,
        "goals": ("2.3", "2.7"),
        "activity_types": ("3.2", "3.5"),
    },
)


def load_demo() -> UpsertReport:
    report = UpsertReport()
    for spec in DEMO_PROJECTS:
        kyrgyz = Municipality.objects.get(
            region__country=Country.KYRGYZSTAN, name_ru=spec["pair"][0]
        )
        russian = Municipality.objects.get(region__country=Country.RUSSIA, name_ru=spec["pair"][1])
        project = upsert(
            Project,
            {"title_ru": spec["key"], "is_demo": True},
            {
                "title_ky": spec["title"]["ky"],
                "title_en": spec["title"]["en"],
                "summary_ru": spec["summary"]["ru"],
                "summary_ky": spec["summary"]["ky"],
                "summary_en": spec["summary"]["en"],
                "kind": spec["kind"],
                "status": spec["status"],
                "partnership": Partnership.objects.between(kyrgyz.pk, russian.pk).live().first(),
                "starts_on": spec["starts_on"],
                "ends_on": spec["ends_on"],
                "budget": spec["budget"],
                "currency": spec["currency"],
            },
            report,
        )
        clauses = {"memorandum__slug": MEMORANDUM_2017}
        project.goals.set(Goal.objects.filter(number__in=spec["goals"], **clauses))
        project.activity_types.set(
            ActivityType.objects.filter(number__in=spec["activity_types"], **clauses)
        )
        for municipality, role in ((kyrgyz, ProjectRole.LEAD), (russian, ProjectRole.PARTNER)):
            upsert(
                ProjectParticipation,
                {"project": project, "municipality": municipality},
                {"role": role},
                report,
            )
    return report
