"""Fixtures every test module may use: users in each role and logged-in clients."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from accounts.roles import COORDINATORS, MUNICIPALITY_EDITORS
from tests.partnerships.factories import MunicipalityFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with this process's keys gone from the shared Redis (throttle counts,
    table stamps), whatever an earlier test or run left there."""
    cache.delete_pattern("*")
    yield


@pytest.fixture(autouse=True)
def _english_by_default():
    """Tests run in English unless they switch language; the portal's default is Russian."""
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(db):
    user = UserFactory(username="coordinator", is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


@pytest.fixture
def own_municipality(db):
    return MunicipalityFactory(name_ru="Каракол", name_en="Karakol", kyrgyz=True)


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(name_ru="Нарын", name_en="Naryn", kyrgyz=True)


@pytest.fixture
def editor(db, own_municipality):
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name=MUNICIPALITY_EDITORS))
    own_municipality.editors.add(user)
    return user


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator_client(coordinator):
    return _client_for(coordinator)


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)
