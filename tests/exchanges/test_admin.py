"""Editors answer other municipalities' partner requests in the admin, for their own only."""

import pytest
from django.urls import reverse

from exchanges.models import PartnerRequestAnswer
from tests.exchanges.factories import PartnerRequestFactory
from tests.partnerships.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_editor_finds_any_request_and_answers_for_own_municipality(editor_client, own_municipality):
    request = PartnerRequestFactory(title_ru="Ищем партнёра по туризму")
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "exchanges",
            "model_name": "partnerrequestanswer",
            "field_name": "request",
            "term": "туризм",
        },
    )
    assert [row["id"] for row in found.json()["results"]] == [str(request.pk)]

    url = reverse("admin:exchanges_partnerrequestanswer_add")
    refused = editor_client.post(
        url,
        {"request": request.pk, "municipality": MunicipalityFactory().pk, "message": "Мы готовы"},
    )
    assert refused.status_code == 200 and not PartnerRequestAnswer.objects.exists()
    answered = editor_client.post(
        url, {"request": request.pk, "municipality": own_municipality.pk, "message": "Мы готовы"}
    )
    assert answered.status_code == 302
    assert PartnerRequestAnswer.objects.get().municipality == own_municipality
