"""Throttles count in the shared cache (Redis), so every web process sees the same count: each
request is counted atomically, the window slides, and a cache that cannot be reached lets
requests through (core/api/throttling.py)."""

import copy
import datetime
import logging
import threading

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.test import Client, override_settings
from django_redis import get_redis_connection
from redis.connection import AbstractConnection
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory
from rest_framework.throttling import SimpleRateThrottle

from core import response_cache
from core.api.throttling import AnonRateThrottle
from tests.partnerships.factories import MunicipalityFactory
from tests.smtp import free_port

pytestmark = pytest.mark.django_db

# Any API view will do; the root reads nothing from the database, so threads may call it.
URL = "/api/v1/"
# Half past a minute (UTC): the current one-minute window has 30 seconds left.
HALF_PAST = datetime.datetime(2026, 3, 2, 9, 15, 30, tzinfo=datetime.UTC)


@pytest.fixture
def rates(monkeypatch):
    """Set the "anon" and "user" rates; DRF reads them into the throttles' class at import."""

    def set_rates(*, anon: str = "1000/minute", user: str = "1000/minute") -> None:
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": anon, "user": user})

    return set_rates


def statuses(client, count: int, **headers) -> list[int]:
    return [client.get(URL, **headers).status_code for _ in range(count)]


def test_anonymous_clients_are_throttled_in_the_shared_cache(anon, rates):
    rates(anon="3/minute")
    assert statuses(anon, 4) == [200, 200, 200, 429]
    refused = anon.get(URL, HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert "Запрос был проигнорирован" in refused.json()["detail"]
    # The count lives in Redis, where other processes read it, under this cache's KEY_PREFIX
    # (so that parallel test processes keep apart), and expires by itself.
    [key] = cache.keys("throttle_anon_*")
    assert get_redis_connection().ttl(cache.make_key(key)) > 0
    assert cache.get(key) == 3
    # Another prefix (another test process) has counts of its own.
    other = copy.deepcopy(settings.CACHES)
    other["default"]["KEY_PREFIX"] = "another-process"
    with override_settings(CACHES=other):
        assert statuses(anon, 1) == [200]
        cache.delete_pattern("*")
    # Clearing this process's keys (as each test's fixture does) clears the count.
    cache.delete_pattern("*")
    assert statuses(anon, 1) == [200]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Запрос был проигнорирован."),
        ("ky", "Суроо-талаптар өтө көп."),
        ("en", "Request was throttled."),
    ],
)
def test_a_refused_request_is_told_so_in_its_language(anon, rates, language, message):
    rates(anon="1/minute")
    assert statuses(anon, 1) == [200]
    refused = anon.get(URL, {"lang": language})
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith(message)


def _russian_seconds(count: int) -> str:
    if count % 10 == 1 and count % 100 != 11:
        return "секунду"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return "секунды"
    return "секунд"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "ru",
            lambda n: (
                f"Запрос был проигнорирован. Повторите запрос через {n} {_russian_seconds(n)}."
            ),
        ),
        ("ky", lambda n: f"Суроо-талаптар өтө көп. {n} секунддан кийин кайра аракет кылыңыз."),
        ("en", lambda n: f"Request was throttled. Try again in {n} second{'s' if n != 1 else ''}."),
    ],
)
@pytest.mark.parametrize("seconds_left", [1, 3, 21, 30])
def test_a_refused_request_is_told_when_to_come_back_in_its_language(
    anon, rates, language, message, seconds_left
):
    """The whole sentence, the wait included, is in the client's language (DRF's own sentence
    stayed in English after the translated first half)."""
    rates(anon="1/minute")
    with time_machine.travel(HALF_PAST, tick=False):
        assert statuses(anon, 1) == [200]
    # In the next minute, while the previous one still weighs: let in when that minute ends.
    next_minute = HALF_PAST + datetime.timedelta(seconds=30)
    with time_machine.travel(
        next_minute + datetime.timedelta(seconds=60 - seconds_left), tick=False
    ):
        refused = anon.get(URL, {"lang": language})
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert wait == seconds_left  # the plural forms of each language are met
    assert refused.json()["detail"] == message(wait)


def test_retry_after_is_when_the_next_request_is_let_in(anon, rates):
    rates(anon="3/minute")
    with time_machine.travel(HALF_PAST, tick=False) as traveller:
        assert statuses(anon, 4) == [200, 200, 200, 429]
        wait = int(anon.get(URL)["Retry-After"])
        assert 1 <= wait <= 120
        traveller.shift(wait - 1)
        assert statuses(anon, 1) == [429]
        traveller.shift(1)
        assert statuses(anon, 1) == [200]


def test_the_window_slides(anon, rates):
    rates(anon="4/minute")
    with time_machine.travel(HALF_PAST, tick=False) as traveller:
        assert statuses(anon, 5) == [200, 200, 200, 200, 429]
        # A minute later, half of the previous window is still within the last minute: its 4
        # requests weigh 2, so 2 more are let in (a fixed window would let in 4).
        traveller.shift(60)
        assert statuses(anon, 3) == [200, 200, 429]
        # Once the last minute holds none of the requests, the client has its full rate again.
        traveller.shift(120)
        assert statuses(anon, 5) == [200, 200, 200, 200, 429]


def test_token_users_are_counted_by_user_not_by_address(
    anon, coordinator_api, coordinator_client, rates
):
    rates(anon="2/minute", user="3/minute")
    assert statuses(coordinator_api, 3) == [200, 200, 200]
    # The same user signed in to the admin shares the count: it is the user's, not the token's.
    assert statuses(coordinator_client, 1) == [429]
    assert cache.keys("throttle_user_*") and not cache.keys("throttle_anon_*")
    # An anonymous client at the same address has its own count, untouched.
    assert statuses(anon, 3) == [200, 200, 429]


def test_anonymous_clients_are_counted_once_by_address(anon, rates):
    rates(anon="3/minute", user="1/minute")
    assert statuses(anon, 4) == [200, 200, 200, 429]
    assert cache.keys("throttle_anon_*") and not cache.keys("throttle_user_*")
    # Addresses are counted apart.
    assert statuses(anon, 1, REMOTE_ADDR="192.0.2.7") == [200]


LOCAL_MEMORY = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.mark.parametrize("caches", [None, LOCAL_MEMORY], ids=["redis", "local-memory"])
def test_concurrent_requests_get_exactly_the_limit(rates, caches):
    """DRF's throttle reads the history and writes it back: requests in other threads (or
    processes) between the two are lost, and more than the limit get through."""
    limit, threads, each = 40, 4, 40
    rates(anon=f"{limit}/hour")
    start = threading.Barrier(threads, timeout=30)
    allowed = []

    def client() -> None:
        try:
            browser = Client()
            start.wait()
            allowed.append(statuses(browser, each).count(200))
        finally:
            connections.close_all()

    # One window throughout: the count must not slide while the threads run.
    with (
        override_settings(CACHES=caches or settings.CACHES),
        time_machine.travel(HALF_PAST, tick=False),
    ):
        workers = [threading.Thread(target=client) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    assert len(allowed) == threads
    assert sum(allowed) == limit


def test_a_request_is_counted_in_one_round_trip_to_redis(rates, redis_sends):
    rates(anon="2/minute")
    request = Request(APIRequestFactory().get(URL))
    assert AnonRateThrottle().allow_request(request, view=None)  # connected, counted once
    redis_sends.clear()
    assert AnonRateThrottle().allow_request(request, view=None)
    assert len(redis_sends) == 1
    # A refused request also gives its count back: one more, for a client over its limit only.
    assert not AnonRateThrottle().allow_request(request, view=None)
    assert len(redis_sends) == 3


@pytest.mark.parametrize("who", ["anon", "coordinator_api"])
def test_a_list_asks_redis_once_before_its_query(request, who, rates, monkeypatch):
    """The throttle's round trip also reads what the list reads first (its tables' stamps and
    its kept response), so a cold list waits for Redis once before its query; a warm one is
    answered after that one round trip, from the response it reads."""
    rates()
    client = request.getfixturevalue(who)
    MunicipalityFactory(kyrgyz=True)
    url = "/api/v1/municipalities/?country=KG"
    client.get(url)  # connected; the tables have their stamps
    cache.delete_pattern(response_cache.PREFIX + "*")  # cold: no kept response
    steps = []
    send = AbstractConnection.send_packed_command

    def noted_send(connection, command, *args, **kwargs):
        steps.append("redis")
        return send(connection, command, *args, **kwargs)

    def noted_query(execute, sql, params, many, context):
        steps.append("sql")
        return execute(sql, params, many, context)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", noted_send)
    with connections["default"].execute_wrapper(noted_query):
        cold = client.get(url)
        steps.append("answered")
        warm = client.get(url)

    assert cold.status_code == warm.status_code == 200 and warm.content == cold.content
    # Cold: the throttle with the reads, the query, the response kept (once it was sent).
    # Warm: the throttle with the reads, which found the kept response.
    signed_in = ["sql", "sql"] if who == "coordinator_api" else []  # the token and its user
    assert steps == [*signed_in, "redis", "sql", "redis", "answered", *signed_in, "redis"]


def test_requests_are_let_through_when_redis_cannot_be_reached(anon, rates, caplog):
    rates(anon="1/minute")
    unreachable = copy.deepcopy(settings.CACHES)
    unreachable["default"]["LOCATION"] = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(CACHES=unreachable), caplog.at_level(logging.WARNING):
        assert statuses(anon, 3) == [200, 200, 200]
    assert "could not count" in caplog.text


def test_a_client_cannot_escape_the_limit_by_writing_x_forwarded_for(anon, rates):
    rates(anon="2/minute")
    spoofed = [
        anon.get(URL, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(1, 4)
    ]
    assert spoofed == [200, 200, 429]


def test_the_token_endpoint_counts_with_the_rest_of_the_api(anon, rates):
    rates(anon="2/minute")
    assert statuses(anon, 2) == [200, 200]
    refused = anon.post("/api/v1/auth/token/", {"username": "x", "password": "y"})
    assert refused.status_code == 429
