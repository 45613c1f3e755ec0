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


def test_closing_requests_in_bulk_renews_the_api_lists_validators(coordinator_client):
    request = PartnerRequestFactory()
    listed = coordinator_client.get("/api/v1/partner-requests/")
    etag = listed["ETag"]
    assert (
        coordinator_client.get("/api/v1/partner-requests/", HTTP_IF_NONE_MATCH=etag).status_code
        == 304
    )

    closed = coordinator_client.post(
        reverse("admin:exchanges_partnerrequest_changelist"),
        {"action": "close_requests", "_selected_action": [request.pk]},
    )
    assert closed.status_code == 302
    again = coordinator_client.get("/api/v1/partner-requests/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again.json()["results"][0]["status"] == "closed"
