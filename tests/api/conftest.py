"""API clients: anonymous, and with the tokens of a coordinator and of an editor."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def token_client(user) -> APIClient:
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anon():
    return APIClient()


@pytest.fixture
def coordinator_api(coordinator):
    return token_client(coordinator)


@pytest.fixture
def editor_api(editor):
    return token_client(editor)
