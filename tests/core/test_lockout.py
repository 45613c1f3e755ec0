"""Repeated failed logins lock out that username from that address for a while (django-axes):
the admin login and the API's token endpoint; other people and addresses are not affected."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests.partnerships.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff():
    return UserFactory(username="aigul", is_staff=True)


def admin_login(client, password, address="10.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "aigul", "password": password},
        REMOTE_ADDR=address,
        headers={"accept-language": "ru"},
    )


def test_admin_login_locks_after_five_failures_then_cools_off(staff):
    client = Client()
    for _ in range(4):
        assert admin_login(client, "wrong").status_code == 200  # the form again, with an error
    locked = admin_login(client, "wrong")
    assert locked.status_code == 429
    assert "Слишком много неудачных попыток" in locked.text
    # Even the right password is refused during the lockout...
    assert admin_login(client, PASSWORD).status_code == 429
    # ...but not from another address (an office's colleagues share one address, not a name).
    assert admin_login(Client(), PASSWORD, address="10.0.0.2").status_code == 302
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert admin_login(Client(), PASSWORD).status_code == 302


def test_token_endpoint_locks_out_too(staff):
    client = APIClient()
    url = "/api/v1/auth/token/"
    for _ in range(5):
        response = client.post(
            url, {"username": "aigul", "password": "wrong"}, format="json", REMOTE_ADDR="10.0.0.3"
        )
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Слишком много неудачных попыток")
    assert response["Retry-After"] == "900"
    refused = client.post(
        url, {"username": "aigul", "password": PASSWORD}, format="json", REMOTE_ADDR="10.0.0.3"
    )
    assert refused.status_code == 429
    fine = client.post(
        url, {"username": "aigul", "password": PASSWORD}, format="json", REMOTE_ADDR="10.0.0.4"
    )
    assert fine.status_code == 200 and len(fine.json()["token"]) == 40
