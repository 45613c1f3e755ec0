"""Postgres drops the connection: the request in flight fails cleanly, nothing is half-written,
and the next request succeeds (CONN_HEALTH_CHECKS reconnects a dead persistent connection)."""

import json
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection, transaction
from rest_framework.authtoken.models import Token

from partnerships.models import Municipality
from tests.partnerships.factories import MunicipalityFactory
from tests.servers import portal_server

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]


def status_of(request: urllib.request.Request | str) -> int:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def portal_backends(application_name: str = "") -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        return [row[0] for row in cursor.fetchall()]


def terminate(pids: list[int]) -> None:
    with connection.cursor() as cursor:
        for pid in pids:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_a_dropped_connection_fails_one_request_only(coordinator, tmp_path):
    town = MunicipalityFactory(population=1000)
    token = Token.objects.create(user=coordinator).key
    env = {"CONN_MAX_AGE": "600"}  # persistent connections, as in production
    with portal_server(tmp_path=tmp_path, workers=1, extra_env=env) as url:
        assert status_of(f"{url}/api/v1/regions/") == 200

        # Between requests: the worker's idle connection is cut.
        terminate(portal_backends())
        assert status_of(f"{url}/api/v1/regions/") == 200

        # In the middle of a request: the worker waits on a row we hold locked, and its
        # connection is cut while it waits.
        outcome = {}
        update = urllib.request.Request(
            f"{url}/api/v1/municipalities/{town.pk}/",
            data=json.dumps({"population": 2000}).encode(),
            method="PATCH",
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        with transaction.atomic():
            Municipality.objects.select_for_update().get(pk=town.pk)
            worker = threading.Thread(target=lambda: outcome.update(status=status_of(update)))
            worker.start()
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                with connection.cursor() as cursor:
                    # Inside a transaction pg_stat_activity is read once and then kept; the
                    # snapshot is dropped to see the worker arrive.
                    cursor.execute("SELECT pg_stat_clear_snapshot()")
                    cursor.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                    )
                    waiting = [row[0] for row in cursor.fetchall()]
                if waiting:
                    break
                time.sleep(0.05)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid, state, wait_event_type, wait_event, left(query, 80) "
                    "FROM pg_stat_activity WHERE datname = current_database()"
                )
                activity = cursor.fetchall()
            assert waiting, f"the request never reached the locked row: {outcome} {activity}"
            terminate(waiting)
            worker.join(timeout=30)
        assert outcome["status"] == 500
        town.refresh_from_db()
        assert town.population == 1000  # nothing half-written

        assert status_of(f"{url}/api/v1/municipalities/{town.pk}/") == 200
        assert status_of(update) == 200
        town.refresh_from_db()
        assert town.population == 2000


def test_a_list_read_on_a_connection_cut_between_requests_reconnects_and_answers(tmp_path):
    # An API list page checks its connection by reading (core.prepared_statements): no SELECT 1
    # first, and a read that finds the connection dead reads again on a new one.
    MunicipalityFactory.create_batch(3, kyrgyz=True)
    env = {"CONN_MAX_AGE": "600", "LOG_LEVEL": "WARNING"}
    with portal_server(tmp_path=tmp_path, workers=1, extra_env=env) as url:
        assert status_of(f"{url}/api/v1/municipalities/?country=KG") == 200
        for size in (2, 3):  # lists not read before, so not kept: each one is read from the tables
            terminate(portal_backends())
            with urllib.request.urlopen(f"{url}/api/v1/municipalities/?page_size={size}") as page:
                body = json.load(page)
            assert body["count"] == 3 and len(body["results"]) == size
        # The statement was prepared on the new connection, not given up as unpreparable.
        assert status_of(f"{url}/api/v1/municipalities/?page_size=2") == 200
        log = (tmp_path / "gunicorn.log").read_text()
    assert log.count("Database connection found dead by a read") == 2
    assert "not prepared" not in log
