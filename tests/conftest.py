"""Fixtures every test module may use: users in each role and logged-in clients."""

import warnings

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import translation
from redis.connection import AbstractConnection

from accounts.roles import COORDINATORS, MUNICIPALITY_EDITORS
from tests.partnerships.factories import MunicipalityFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, which it drops at the end of the run. A session still
    open on it then made the drop fail and the database stay until the next run (seen at the
    end of parallel runs: one idle session, no application name, whose last query read
    municipalities; which test leaves it is not known yet). Such sessions are ended, and
    named in a warning."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid), left(query, 80) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        left_open = [query for _ended, query in cursor.fetchall()]
    if left_open:
        warnings.warn(f"sessions left open on the test database, ended: {left_open}", stacklevel=1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with this process's keys gone from the shared Redis (throttle counts,
    table stamps), whatever an earlier test or run left there."""
    cache.delete_pattern("*")
    yield


@pytest.fixture
def redis_sends(monkeypatch) -> list:
    """The packed commands sent to Redis from now on, one entry for each send (a round trip)."""
    sent = []
    send = AbstractConnection.send_packed_command

    def counted_send(connection, command, *args, **kwargs):
        sent.append(command)
        return send(connection, command, *args, **kwargs)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", counted_send)
    return sent


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
