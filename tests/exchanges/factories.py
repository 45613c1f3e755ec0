"""factory_boy factories of the exchanges app."""

import datetime

import factory

from exchanges.choices import ExchangeKind, PartnerRequestStatus
from exchanges.models import (
    Adoption,
    BestPractice,
    Exchange,
    PartnerRequest,
    PartnerRequestAnswer,
)
from tests.partnerships.factories import MunicipalityFactory, SectorFactory


class ExchangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exchange

    kind = ExchangeKind.YOUTH_EXCHANGE
    title_ru = factory.Sequence(lambda n: f"Обмен {n}")
    sending_municipality = factory.SubFactory(MunicipalityFactory, kyrgyz=True)
    hosting_municipality = factory.SubFactory(MunicipalityFactory, russian=True)
    starts_on = datetime.date(2026, 6, 1)
    ends_on = factory.LazyAttribute(lambda x: x.starts_on + datetime.timedelta(days=7))
    participants_count = 20
    youth_count = 15


class BestPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BestPractice

    municipality = factory.SubFactory(MunicipalityFactory)
    sector = factory.SubFactory(SectorFactory)
    title_ru = factory.Sequence(lambda n: f"Практика {n}")
    summary_ru = "Кратко о практике."
    is_published = True
    published_on = datetime.date(2026, 1, 15)


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    practice = factory.SubFactory(BestPracticeFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class PartnerRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerRequest

    municipality = factory.SubFactory(MunicipalityFactory, kyrgyz=True)
    title_ru = factory.Sequence(lambda n: f"Ищем партнёра {n}")
    purpose_ru = "Обмен опытом в сфере туризма."
    status = PartnerRequestStatus.OPEN


class PartnerRequestAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerRequestAnswer

    request = factory.SubFactory(PartnerRequestFactory)
    municipality = factory.SubFactory(MunicipalityFactory, russian=True)
    message = "Готовы к сотрудничеству."
