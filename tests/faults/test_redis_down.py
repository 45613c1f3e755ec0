"""Redis stops: pages and the API still serve (cache misses fall back to the database), writes
still succeed, and the work they queued is done once Redis is back."""

import io
import json
import urllib.request

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from partnerships.models import Partnership
from tests.api.test_webhooks import Receiver
from tests.redis_server import PrivateRedis
from tests.servers import portal_server
from webhooks.choices import WebhookDeliveryStatus
from webhooks.models import WebhookDelivery, WebhookSubscription
from webhooks.services import webhooks_send_due

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

PAGES = [
    "/ru/",
    "/ky/municipalities/",
    "/en/events/",
    "/api/v1/municipalities/",
    "/api/v1/partnerships/?country=KG",
    "/api/v1/events.ics",
]


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=15) as response:
        return response.status


def patch(url: str, token: str, body: dict) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="PATCH",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=15) as response:
        return response.status


def test_the_portal_serves_without_redis_and_catches_up(coordinator, tmp_path):
    call_command("load_reference_data", "--demo", stdout=io.StringIO())
    token = Token.objects.create(user=coordinator).key
    link = Partnership.objects.first()
    with Receiver() as receiver, PrivateRedis(tmp_path) as redis:
        WebhookSubscription.objects.create(
            owner=coordinator,
            name="Ministry",
            url=receiver.url,
            event_types=["partnership.changed"],
        )
        env = {"REDIS_URL": redis.url, "CELERY_TASK_ALWAYS_EAGER": "false"}
        with portal_server(tmp_path=tmp_path, extra_env=env) as url:
            assert [get(url + page) for page in PAGES] == [200] * len(PAGES)

            redis.kill()
            assert [get(url + page) for page in PAGES] == [200] * len(PAGES)
            # A write succeeds; its notification waits in the database, not in Redis.
            assert (
                patch(
                    f"{url}/api/v1/partnerships/{link.pk}/",
                    token,
                    {"title_ru": "Изменено без Redis"},
                )
                == 200
            )
            delivery = WebhookDelivery.objects.get()
            assert delivery.status == WebhookDeliveryStatus.PENDING

            redis.start()
            assert [get(url + page) for page in PAGES] == [200] * len(PAGES)
        # The retry sweep (beat, every minute) finds the notification and delivers it.
        assert webhooks_send_due() == 1
    delivery.refresh_from_db()
    assert delivery.status == WebhookDeliveryStatus.DELIVERED
    assert len(receiver.requests) == 1
    assert json.loads(receiver.requests[0]["body"])["data"]["title_ru"] == "Изменено без Redis"
