"""Invariants of the exchanges app held by Postgres."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from tests.exchanges.factories import (
    AdoptionFactory,
    BestPracticeFactory,
    ExchangeFactory,
    PartnerRequestAnswerFactory,
    PartnerRequestFactory,
)

pytestmark = pytest.mark.django_db


def refused(make, constraint: str) -> None:
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        make()
    assert constraint in str(caught.value)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        (
            {"starts_on": datetime.date(2026, 6, 10), "ends_on": datetime.date(2026, 6, 1)},
            "ends_after_start",
        ),
        ({"participants_count": -1, "youth_count": 0}, "counts_not_negative"),
        ({"participants_count": 5, "youth_count": -1}, "counts_not_negative"),
        ({"participants_count": 5, "youth_count": 6}, "youth_within_total"),
    ],
)
def test_exchange_dates_and_counts(fields, constraint):
    refused(lambda: ExchangeFactory(**fields), f"exchanges_exchange_{constraint}")


def test_an_exchange_is_between_two_municipalities():
    exchange = ExchangeFactory()
    refused(
        lambda: ExchangeFactory(
            sending_municipality=exchange.hosting_municipality,
            hosting_municipality=exchange.hosting_municipality,
        ),
        "exchanges_exchange_between_two",
    )


def test_a_practice_is_adopted_once_per_municipality():
    adoption = AdoptionFactory()
    refused(
        lambda: AdoptionFactory(practice=adoption.practice, municipality=adoption.municipality),
        "exchanges_adoption_once_per_municipality",
    )


def test_a_published_practice_is_dated():
    refused(
        lambda: BestPracticeFactory(is_published=True, published_on=None),
        "exchanges_bestpractice_published_is_dated",
    )


def test_partner_request_population_range_and_closing():
    refused(
        lambda: PartnerRequestFactory(population_min=500, population_max=100),
        "exchanges_partnerrequest_population_range",
    )
    refused(
        lambda: PartnerRequestFactory(population_min=-5),
        "exchanges_partnerrequest_population_not_negative",
    )
    refused(
        lambda: PartnerRequestFactory(status="closed", closed_on=None),
        "exchanges_partnerrequest_closed_is_dated",
    )


def test_a_municipality_answers_a_request_once():
    answer = PartnerRequestAnswerFactory()
    refused(
        lambda: PartnerRequestAnswerFactory(
            request=answer.request, municipality=answer.municipality
        ),
        "exchanges_partnerrequestanswer_once_per_municipality",
    )
