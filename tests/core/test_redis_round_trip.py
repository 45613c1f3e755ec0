"""The API's round trip to Redis on a connection of the process's own (core/redis_round_trip.py):
replies in order from one send, a connection the server closed opened again without losing the
request, error replies raised without spoiling the connection, and a forked process never
talking on its parent's socket."""

import logging
import os

import pytest
from django.core.cache import cache
from django_redis import get_redis_connection
from redis.exceptions import ResponseError
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from core.redis_round_trip import round_trip

pytestmark = pytest.mark.django_db


@pytest.fixture
def anon_limited_to_two(monkeypatch):
    """An API client of the anonymous rate, lowered to 2 requests a minute."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": None})
    return APIClient()


def connection_id() -> int:
    return round_trip("default", [("CLIENT", "ID")])[0]


def test_the_replies_come_in_order_from_one_send(redis_sends):
    key = cache.make_key("round-trip")
    round_trip("default", [("PING",)])  # connected
    redis_sends.clear()
    replies = round_trip(
        "default", [("INCR", key), ("INCR", key), ("GET", key), ("MGET", key, key + "-none")]
    )
    assert replies == [1, 2, b"2", [b"2", None]]
    assert len(redis_sends) == 1


def test_a_connection_closed_by_the_server_is_opened_again_for_the_same_commands():
    before = connection_id()
    get_redis_connection().client_kill_filter(_id=before)  # as a Redis restart does
    key = cache.make_key("after-kill")
    assert round_trip("default", [("INCR", key)]) == [1]  # counted once, not lost
    assert connection_id() != before


def test_an_api_request_after_a_closed_connection_is_counted(anon_limited_to_two, caplog):
    client = anon_limited_to_two
    assert client.get("/api/v1/").status_code == 200
    get_redis_connection().client_kill_filter(_id=connection_id())
    with caplog.at_level(logging.WARNING):
        assert client.get("/api/v1/").status_code == 200
        assert client.get("/api/v1/").status_code == 429  # the limit of 2 still holds
    assert "could not count" not in caplog.text


def test_an_error_reply_is_raised_and_the_connection_still_serves():
    key = cache.make_key("not-a-number")
    cache.client.get_client().set(key, "text")
    before = connection_id()
    with pytest.raises(ResponseError, match="not an integer"):
        round_trip("default", [("INCR", key), ("GET", key)])
    # The reply after the error was read: the next round trip gets its own replies.
    assert round_trip("default", [("GET", key)]) == [b"text"]
    assert connection_id() == before


def test_a_forked_process_opens_a_connection_of_its_own():
    parent = connection_id()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            os.write(write, str(connection_id()).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        in_child = int(pipe.read() or 0)
    os.waitpid(child, 0)
    assert in_child and in_child != parent
    assert connection_id() == parent  # the parent's connection was not disturbed
