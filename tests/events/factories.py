"""factory_boy factories of the events app."""

import datetime

import factory
from django.utils import timezone

from events.choices import EventKind, EventStatus, ResolutionStatus
from events.models import (
    AgendaItem,
    ConsentText,
    Event,
    Participant,
    Resolution,
    WorkingGroup,
)
from tests.partnerships.factories import MunicipalityFactory


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name_ru = factory.Sequence(lambda n: f"Рабочая группа {n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = EventKind.SEMINAR
    title_ru = factory.Sequence(lambda n: f"Семинар {n}")
    title_ky = factory.Sequence(lambda n: f"Семинар {n} (кырг.)")
    title_en = factory.Sequence(lambda n: f"Seminar {n}")
    status = EventStatus.CONFIRMED
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=4))
    timezone = "Asia/Bishkek"
    venue_ru = "Бишкек, ул. Чуй, 1"
    host_municipality = factory.SubFactory(MunicipalityFactory, kyrgyz=True)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    event = factory.SubFactory(EventFactory)
    title_ru = factory.Sequence(lambda n: f"Пункт повестки {n}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Участник {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    preferred_language = "ru"
    consent_text = factory.LazyFunction(
        lambda: ConsentText.objects.get_or_create(
            version="2026-1", defaults={"text_ru": "Согласие", "published_on": "2026-11-01"}
        )[0]
    )
    consent_given_at = factory.LazyFunction(timezone.now)


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    event = factory.SubFactory(EventFactory)
    text_ru = factory.Sequence(lambda n: f"Решение {n}")
    responsible_municipality = factory.SubFactory(MunicipalityFactory)
    contact_name = "Ответственный"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    status = ResolutionStatus.OPEN
