"""Demo exchanges, best practices and a partner request (load_reference_data --demo); all
marked is_demo."""

import datetime

from django.utils import timezone

from core.choices import Country
from core.upsert import UpsertReport, upsert
from partnerships.models import Goal, Municipality, Partnership, Sector

from .choices import ExchangeKind, PartnerRequestStatus
from .models import Adoption, BestPractice, Exchange, PartnerRequest


def _town(country: str, name: str) -> Municipality:
    return Municipality.objects.get(region__country=country, name_ru=name)


def load_demo() -> UpsertReport:
    report = UpsertReport()
    today = timezone.localdate()
    bishkek = _town(Country.KYRGYZSTAN, "Бишкек")
    karakol = _town(Country.KYRGYZSTAN, "Каракол")
    ufa = _town(Country.RUSSIA, "Уфа")
    kazan = _town(Country.RUSSIA, "Казань")

    exchange = upsert(
        Exchange,
        {"title_ru": "Демо: летняя школа молодёжи Бишкек – Уфа", "is_demo": True},
        {
            "title_ky": "Демо: Бишкек – Уфа жаштардын жайкы мектеби",
            "title_en": "Demo: Bishkek – Ufa youth summer school",
            "kind": ExchangeKind.YOUTH_EXCHANGE,
            "sending_municipality": bishkek,
            "hosting_municipality": ufa,
            "starts_on": today - datetime.timedelta(days=120),
            "ends_on": today - datetime.timedelta(days=110),
            "participants_count": 24,
            "youth_count": 20,
            "partnership": Partnership.objects.between(bishkek.pk, ufa.pk).live().first(),
        },
        report,
    )
    exchange.goals.set(Goal.objects.filter(number__in=["2.6", "2.7"]))

    practice = upsert(
        BestPractice,
        {"title_ru": "Демо: единое окно городских услуг", "is_demo": True},
        {
            "title_ky": "Демо: шаардык кызматтардын бирдиктүү терезеси",
            "title_en": "Demo: one-stop shop for city services",
            "summary_ru": "Все обращения жителей — в одном центре и на одном сайте.",
            "summary_ky": "Тургундардын бардык кайрылуулары — бир борбордо жана бир сайтта.",
            "summary_en": "Every request of residents in one centre and on one website.",
            "municipality": kazan,
            "sector": Sector.objects.get(code="digital"),
            "is_published": True,
            "published_on": today - datetime.timedelta(days=60),
        },
        report,
    )
    upsert(
        Adoption,
        {"practice": practice, "municipality": bishkek},
        {
            "adopted_on": today - datetime.timedelta(days=20),
            "result_ru": "Открыт пилотный центр в Ленинском районе.",
        },
        report,
    )

    request = upsert(
        PartnerRequest,
        {"title_ru": "Демо: Каракол ищет партнёра в сфере туризма", "is_demo": True},
        {
            "title_ky": "Демо: Каракол туризм тармагында өнөктөш издейт",
            "title_en": "Demo: Karakol seeks a partner in tourism",
            "purpose_ru": "Обмен опытом горного и событийного туризма.",
            "purpose_ky": "Тоо жана иш-чаралык туризм боюнча тажрыйба алмашуу.",
            "purpose_en": "Sharing experience in mountain and event tourism.",
            "municipality": karakol,
            "country": Country.RUSSIA,
            "population_min": 30_000,
            "population_max": 1_500_000,
            "valid_until": today + datetime.timedelta(days=90),
            "status": PartnerRequestStatus.OPEN,
        },
        report,
    )
    request.sectors.set(Sector.objects.filter(code__in=["tourism", "culture"]))
    return report
