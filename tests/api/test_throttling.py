"""Throttles count in the shared cache (Redis), so every web process sees the same count."""

import pytest
from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db


def test_anonymous_clients_are_throttled_in_the_shared_cache(anon, monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "1000/minute"}
    )
    cache.delete_pattern("throttle_*")
    statuses = [anon.get("/api/v1/regions/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = anon.get("/api/v1/regions/", HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert "Запрос был проигнорирован" in refused.json()["detail"]
    # The history of requests lives in Redis, where other processes read it.
    assert cache.keys("throttle_anon_*")
