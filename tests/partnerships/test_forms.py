"""Bad input through the admin's forms: a clear message in the user's language, nothing saved."""

import pytest
from django.urls import reverse

from partnerships.choices import PartnershipKind, PartnershipStatus
from partnerships.models import Municipality, Partnership, Project
from tests.partnerships.factories import MunicipalityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def post(client, url, data, language):
    return client.post(url, data, headers={"accept-language": language})


def partnership_data(a, b, **extra):
    return {
        "municipality_a": a.pk,
        "municipality_b": b.pk,
        "kind": PartnershipKind.TWINNING,
        "status": PartnershipStatus.ACTIVE,
        "signed_on_precision": "day",
        "documents-TOTAL_FORMS": 0,
        "documents-INITIAL_FORMS": 0,
        **extra,
    }


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Муниципалитет не может быть партнёром самому себе."),
        ("ky", "Муниципалитет өзүнө өзү өнөктөш боло албайт."),
        ("en", "A municipality cannot be its own partner."),
    ],
)
def test_partnership_with_itself(coordinator_client, language, message):
    town = MunicipalityFactory()
    response = post(
        coordinator_client,
        reverse("admin:partnerships_partnership_add"),
        partnership_data(town, town),
        language,
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Partnership.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "уже есть непрекращённое партнёрство такого вида"),
        ("ky", "токтотула элек өнөктөштүк буга чейин эле бар"),
    ],
)
def test_second_live_link_of_a_pair_reversed(coordinator_client, language, message):
    existing = PartnershipFactory()
    response = post(
        coordinator_client,
        reverse("admin:partnerships_partnership_add"),
        partnership_data(existing.municipality_b, existing.municipality_a),
        language,
    )
    assert message in response.text
    assert Partnership.objects.count() == 1


def test_dates_out_of_order(coordinator_client):
    a, b = MunicipalityFactory(), MunicipalityFactory()
    response = post(
        coordinator_client,
        reverse("admin:partnerships_partnership_add"),
        partnership_data(a, b, proposed_on="2020-05-01", signed_on="2020-04-01"),
        "ru",
    )
    assert "Даты партнёрства указаны в неправильном порядке." in response.text
    assert not Partnership.objects.exists()


def test_municipality_bad_figures(coordinator_client):
    region = MunicipalityFactory().region
    data = {
        "name_ru": "Тест",
        "kind": "city",
        "region": region.pk,
        "population": -5,
        "latitude": "95",
        "longitude": "",
    }
    response = post(coordinator_client, reverse("admin:partnerships_municipality_add"), data, "ru")
    assert response.status_code == 200
    text = response.text
    assert "Численность населения не может быть отрицательной" in text
    assert not Municipality.objects.filter(name_ru="Тест").exists()


def test_project_that_ends_before_it_starts_is_not_half_saved(coordinator_client):
    town = MunicipalityFactory()
    data = {
        "title_ru": "Обмен опытом",
        "kind": "cultural",
        "status": "planned",
        "starts_on": "2025-05-01",
        "ends_on": "2025-04-01",
        "participations-TOTAL_FORMS": 1,
        "participations-INITIAL_FORMS": 0,
        "participations-0-municipality": town.pk,
        "participations-0-role": "lead",
        "documents-TOTAL_FORMS": 0,
        "documents-INITIAL_FORMS": 0,
    }
    response = post(coordinator_client, reverse("admin:partnerships_project_add"), data, "ky")
    assert response.status_code == 200
    assert "Долбоор башталганга чейин аяктай албайт." in response.text
    assert not Project.objects.exists()
