"""Webhooks delivered to a real HTTP server on loopback, signed, retried, logged."""

import datetime
import hashlib
import hmac
import http.server
import json
import threading

import pytest
import time_machine
from django.utils import timezone

from tests.partnerships.factories import MunicipalityFactory, PartnershipFactory
from webhooks.choices import WebhookDeliveryStatus
from webhooks.models import WebhookDelivery, WebhookSubscription
from webhooks.services import webhooks_send_due

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP server that records what it is sent and answers with the codes it is given."""

    def __init__(self, codes=(200,)):
        self.requests: list[dict] = []
        self.codes = list(codes)
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                code = receiver.codes.pop(0) if len(receiver.codes) > 1 else receiver.codes[0]
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def subscribe(coordinator):
    def make(url, event_types):
        return WebhookSubscription.objects.create(
            owner=coordinator, name="Ministry", url=url, event_types=event_types
        )

    return make


def test_a_new_partnership_is_delivered_signed(
    subscribe, coordinator_api, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        subscription = subscribe(receiver.url, ["partnership.created"])
        a, b = MunicipalityFactory(kyrgyz=True), MunicipalityFactory(russian=True)
        with django_capture_on_commit_callbacks(execute=True):
            response = coordinator_api.post(
                "/api/v1/partnerships/",
                {
                    "municipality_a": a.pk,
                    "municipality_b": b.pk,
                    "kind": "twinning",
                    "status": "active",
                    "title_ru": "Соглашение",
                },
                format="json",
            )
        assert response.status_code == 201
    [request] = receiver.requests
    headers, body = request["headers"], request["body"]
    expected = "sha256=" + hmac.new(subscription.secret.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Portal-Signature"], expected)
    assert headers["X-Portal-Event"] == "partnership.created"
    payload = json.loads(body)
    delivery = WebhookDelivery.objects.get()
    assert payload["delivery_id"] == headers["X-Portal-Delivery"] == str(delivery.delivery_id)
    assert payload["data"]["id"] == response.json()["id"]
    assert payload["data"]["title_ru"] == "Соглашение"
    assert delivery.status == WebhookDeliveryStatus.DELIVERED and delivery.last_status_code == 200


def test_only_the_kinds_subscribed_are_sent(subscribe, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(receiver.url, ["project.created"])
        with django_capture_on_commit_callbacks(execute=True):
            PartnershipFactory()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_failed_delivery_is_retried_with_back_off_and_logged(
    subscribe, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 60
    with Receiver(codes=(500, 503, 200)) as receiver:
        subscribe(receiver.url, ["partnership.changed", "partnership.deleted"])
        link = PartnershipFactory()
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                link.title_ru = "Изменено"
                link.save()
            delivery = WebhookDelivery.objects.get()
            assert delivery.status == WebhookDeliveryStatus.PENDING
            assert delivery.last_status_code == 500 and delivery.attempts == 1
        with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
            assert webhooks_send_due() == 0  # back-off not over
        with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
            assert webhooks_send_due() == 1
        with time_machine.travel(start + datetime.timedelta(seconds=200), tick=False):
            assert webhooks_send_due() == 1
    delivery.refresh_from_db()
    assert delivery.status == WebhookDeliveryStatus.DELIVERED and delivery.attempts == 3
    bodies = {request["body"] for request in receiver.requests}
    assert len(receiver.requests) == 3 and len(bodies) == 1  # the same body every time
    assert "503" in delivery.last_error


def test_editors_subscriptions_hear_only_of_what_they_may_read(
    editor, django_capture_on_commit_callbacks
):
    from tests.events.factories import EventFactory

    with Receiver() as receiver:
        WebhookSubscription.objects.create(
            owner=editor, name="City site", url=receiver.url, event_types=["event.created"]
        )
        with django_capture_on_commit_callbacks(execute=True):
            EventFactory(is_public=False)
            EventFactory(is_public=True)
    assert len(receiver.requests) == 1
