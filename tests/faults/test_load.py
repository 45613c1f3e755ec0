"""A bounded load test on loopback: 32 clients for LOAD_TEST_SECONDS (default 30) of public
pages, API reads and token writes against gunicorn. No 5xx, and every record written is there.
(Speed is measured by `make bench`, not asserted here.)"""

import io
import itertools
import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from partnerships.models import Municipality, Project
from tests.servers import portal_server

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

CLIENTS = int(os.environ.get("LOAD_TEST_CLIENTS", "32"))
SECONDS = float(os.environ.get("LOAD_TEST_SECONDS", "30"))
READS = [
    "/ru/",
    "/ky/municipalities/",
    "/en/municipalities/?country=RU",
    "/ru/events/",
    "/ky/partnerships/",
    "/api/v1/municipalities/?page_size=20",
    "/api/v1/partnerships/?country=KG",
    "/api/v1/events/",
    "/api/v1/events.ics",
]


def call(request) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def test_mixed_load_without_errors_or_lost_writes(coordinator, tmp_path):
    call_command("load_reference_data", "--demo", stdout=io.StringIO())
    token = Token.objects.create(user=coordinator).key
    towns = list(Municipality.objects.values_list("pk", flat=True)[:20])
    statuses: Counter = Counter()
    written: list[int] = []
    sequence = itertools.count()
    lock = threading.Lock()

    def client(url: str, number: int) -> None:
        deadline = time.monotonic() + SECONDS
        for step in itertools.count():
            if time.monotonic() > deadline:
                return
            if step % 5 == 4:  # one request in five writes
                n = next(sequence)
                body = {
                    "title_ru": f"Нагрузочный проект {n}",
                    "kind": "cultural",
                    "status": "planned",
                    "participations": [{"municipality": towns[n % len(towns)], "role": "lead"}],
                }
                status, content = call(
                    urllib.request.Request(
                        f"{url}/api/v1/projects/",
                        data=json.dumps(body).encode(),
                        method="POST",
                        headers={
                            "Authorization": f"Token {token}",
                            "Content-Type": "application/json",
                        },
                    )
                )
                if status == 201:
                    with lock:
                        written.append(json.loads(content)["id"])
            else:
                status, _body = call(url + READS[(number + step) % len(READS)])
            with lock:
                statuses[status] += 1

    with portal_server(tmp_path=tmp_path, workers=3) as url:
        threads = [threading.Thread(target=client, args=(url, n)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sum(statuses.values()) > CLIENTS * 5, statuses
    assert {status for status in statuses if status >= 500 or status == 0} == set(), statuses
    assert set(statuses) <= {200, 201}, statuses
    assert len(written) == statuses[201] > 0
    assert Project.objects.filter(pk__in=written).count() == len(written)
