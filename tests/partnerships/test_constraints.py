"""Every invariant of the registry is held by Postgres itself: a bad row written past the forms
(raw ORM save, a script, another service) is refused with IntegrityError and nothing is saved."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from partnerships.choices import PartnershipKind, PartnershipStatus, ProjectRole
from partnerships.models import Municipality, Partnership, Project
from tests.partnerships.factories import (
    MunicipalityFactory,
    PartnershipFactory,
    ProjectFactory,
    ProjectParticipationFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def refused(make, constraint: str) -> None:
    """Assert that ``make()`` is refused by the named database constraint."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        make()
    assert constraint in str(caught.value)


def test_partnership_never_links_a_municipality_to_itself():
    bishkek = MunicipalityFactory()
    refused(
        lambda: PartnershipFactory(municipality_a=bishkek, municipality_b=bishkek),
        "partnerships_partnership_not_with_itself",
    )
    assert not Partnership.objects.exists()


def test_one_live_partnership_per_unordered_pair_and_kind():
    existing = PartnershipFactory(kind=PartnershipKind.TWINNING)
    a, b = existing.municipality_a, existing.municipality_b
    constraint = "partnerships_partnership_one_live_per_pair_and_kind"
    refused(lambda: PartnershipFactory(municipality_a=a, municipality_b=b), constraint)
    # B–A is the same pair as A–B.
    refused(lambda: PartnershipFactory(municipality_a=b, municipality_b=a), constraint)
    # A different kind of link between the same pair is allowed...
    PartnershipFactory(municipality_a=b, municipality_b=a, kind=PartnershipKind.PROTOCOL_OF_INTENT)
    # ...and so is a new link once the old one is terminated.
    existing.status = PartnershipStatus.TERMINATED
    existing.save()
    PartnershipFactory(municipality_a=b, municipality_b=a, kind=PartnershipKind.TWINNING)
    assert Partnership.objects.count() == 3


@pytest.mark.parametrize(
    ("dates", "constraint"),
    [
        (
            {"proposed_on": datetime.date(2020, 5, 1), "signed_on": datetime.date(2020, 4, 1)},
            "signed_after_proposed",
        ),
        (
            {
                "negotiations_started_on": datetime.date(2021, 1, 2),
                "signed_on": datetime.date(2021, 1, 1),
            },
            "signed_after_negotiations",
        ),
        (
            {
                "proposed_on": datetime.date(2021, 1, 2),
                "negotiations_started_on": datetime.date(2021, 1, 1),
            },
            "negotiations_after_proposed",
        ),
        (
            {"signed_on": datetime.date(2021, 1, 2), "terminated_on": datetime.date(2021, 1, 1)},
            "terminated_after_signed",
        ),
        (
            {"signed_on": datetime.date(2021, 1, 2), "suspended_on": datetime.date(2021, 1, 1)},
            "suspended_after_signed",
        ),
    ],
)
def test_partnership_dates_in_order(dates, constraint):
    refused(lambda: PartnershipFactory(**dates), f"partnerships_partnership_{constraint}")


def test_municipality_population_and_area_not_negative():
    refused(
        lambda: MunicipalityFactory(population=-1),
        "partnerships_municipality_population_not_negative",
    )
    refused(
        lambda: MunicipalityFactory(area_km2=Decimal("-3")),
        "partnerships_municipality_area_positive",
    )


@pytest.mark.parametrize(
    ("latitude", "longitude", "constraint"),
    [
        (Decimal("91"), Decimal("74"), "latitude_range"),
        (Decimal("-90.5"), Decimal("74"), "latitude_range"),
        (Decimal("42"), Decimal("180.5"), "longitude_range"),
        (Decimal("42"), None, "coordinates_paired"),
    ],
)
def test_municipality_coordinates_in_range(latitude, longitude, constraint):
    refused(
        lambda: MunicipalityFactory(latitude=latitude, longitude=longitude),
        f"partnerships_municipality_{constraint}",
    )
    assert not Municipality.objects.exists()


def test_official_codes_are_unique():
    MunicipalityFactory(official_code="41711000000000")
    refused(
        lambda: MunicipalityFactory(official_code="41711000000000"),
        "partnerships_municipality_unique_official_code",
    )
    # Many municipalities have no code yet; blank codes do not collide.
    MunicipalityFactory(official_code="")
    MunicipalityFactory(official_code="")


def test_region_country_is_an_iso_code():
    refused(lambda: RegionFactory(country="kg"), "partnerships_region_country_iso")


def test_project_dates_and_budget():
    refused(
        lambda: ProjectFactory(
            starts_on=datetime.date(2024, 5, 1), ends_on=datetime.date(2024, 4, 30)
        ),
        "partnerships_project_ends_after_start",
    )
    refused(
        lambda: ProjectFactory(budget=Decimal("-1"), currency="RUB"),
        "partnerships_project_budget_not_negative",
    )
    refused(
        lambda: ProjectFactory(budget=Decimal("100"), currency=""),
        "partnerships_project_budget_has_currency",
    )
    assert not Project.objects.exists()


def test_project_has_one_lead_and_each_municipality_once():
    participation = ProjectParticipationFactory(role=ProjectRole.LEAD)
    project = participation.project
    refused(
        lambda: ProjectParticipationFactory(project=project, role=ProjectRole.LEAD),
        "partnerships_projectparticipation_one_lead",
    )
    refused(
        lambda: ProjectParticipationFactory(
            project=project, municipality=participation.municipality
        ),
        "partnerships_projectparticipation_once_per_project",
    )


def test_municipality_with_links_cannot_be_deleted():
    """Deleting a municipality would silently erase its history of links: PROTECT refuses."""
    from django.db.models import ProtectedError

    partnership = PartnershipFactory()
    with pytest.raises(ProtectedError):
        partnership.municipality_a.delete()
