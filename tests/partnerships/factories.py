"""factory_boy factories of the partnerships app (and users, which every app needs)."""

import factory
from django.contrib.auth import get_user_model

from core.choices import Country
from partnerships.choices import (
    MunicipalityKind,
    PartnershipKind,
    PartnershipStatus,
    ProjectKind,
    ProjectRole,
    ProjectStatus,
    RegionKind,
)
from partnerships.models import (
    Municipality,
    Partnership,
    Project,
    ProjectParticipation,
    Region,
    Sector,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    country = Country.KYRGYZSTAN
    kind = RegionKind.OBLAST
    name_ru = factory.Sequence(lambda n: f"Область {n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    class Params:
        kyrgyz = factory.Trait(region=factory.SubFactory(RegionFactory, country=Country.KYRGYZSTAN))
        russian = factory.Trait(
            region=factory.SubFactory(RegionFactory, country=Country.RUSSIA, kind=RegionKind.KRAI)
        )

    kind = MunicipalityKind.CITY
    region = factory.SubFactory(RegionFactory)
    name_ru = factory.Sequence(lambda n: f"Город {n}")
    name_en = factory.Sequence(lambda n: f"Town {n}")
    population = 100_000


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"sector-{n}")
    name_ru = factory.Sequence(lambda n: f"Сфера {n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    municipality_a = factory.SubFactory(MunicipalityFactory, kyrgyz=True)
    municipality_b = factory.SubFactory(MunicipalityFactory, russian=True)
    kind = PartnershipKind.TWINNING
    status = PartnershipStatus.ACTIVE


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title_ru = factory.Sequence(lambda n: f"Проект {n}")
    kind = ProjectKind.CULTURAL
    status = ProjectStatus.IN_PROGRESS


class ProjectParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectParticipation

    project = factory.SubFactory(ProjectFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = ProjectRole.PARTNER
