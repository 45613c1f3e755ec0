"""The whole API fuzzed from its own OpenAPI schema with schemathesis, against gunicorn on
loopback: anonymously and with a coordinator's token. No 5xx, no response that contradicts the
schema, and afterwards every database invariant still holds."""

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from tests.invariants import broken_invariants
from tests.servers import portal_server

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.slow,
]

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "use_after_free",
        "ensure_resource_availability",
    ]
)


def fuzz(url: str, log, *extra: str) -> subprocess.Popen:
    """Start schemathesis on the API, its output into the open file ``log``; the caller waits
    for it (``finish``)."""
    # One worker: hypothesis parsing lambdas in several threads trips a CPython 3.11 AST bug.
    return subprocess.Popen(
        [
            SCHEMATHESIS,
            "run",
            f"{url}/api/schema/",
            "--max-examples",
            "4",
            "--seed",
            "20261125",
            "--workers",
            "1",
            "--no-color",
            "--request-timeout",
            "30",
            *extra,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def finish(run: subprocess.Popen, log: Path) -> tuple[int, str]:
    try:
        run.wait(timeout=600)
    except subprocess.TimeoutExpired:
        run.kill()
        run.wait()
    return run.returncode, log.read_text()


def test_the_api_holds_its_contract_under_fuzzing(coordinator, tmp_path):
    call_command("load_reference_data", "--demo", stdout=io.StringIO())
    token = Token.objects.create(user=coordinator).key
    with portal_server(tmp_path=tmp_path, workers=3) as url:
        # Anonymously, also: every operation that says it needs a token refuses without one.
        # Without the coverage phase: its thousands of boundary and invalid inputs are refused
        # at the door (401) anonymously; they are sent with the token below, where they reach
        # validation. (With it, this test took 9 of the suite's 14 minutes.)
        # Three runs at once on the machine's two cores: anonymously, and with the token split
        # in two halves of the API (one after the other, the token's run alone took 7 of the
        # suite's 14 minutes: 19,000 cases, mostly its coverage phase).
        first_half = "^/api/v1/(regions|sectors|municipalities|parties|memoranda|goals|activity-"
        first_half += "types|partnerships|projects)"
        runs = {
            "anonymous": (
                "--phases",
                "examples,fuzzing,stateful",
                "--checks",
                f"{CHECKS},ignored_auth",
            ),
            "token, first half": (
                "--checks",
                CHECKS,
                "--header",
                f"Authorization: Token {token}",
                "--include-path-regex",
                first_half,
            ),
            "token, second half": (
                "--checks",
                CHECKS,
                "--header",
                f"Authorization: Token {token}",
                "--exclude-path-regex",
                first_half,
            ),
        }
        logs = {name: tmp_path / f"{name}.log" for name in runs}
        with contextlib.ExitStack() as stack:
            started = {
                name: fuzz(url, stack.enter_context(logs[name].open("w")), *extra)
                for name, extra in runs.items()
            }
            outcomes = {name: finish(run, logs[name]) for name, run in started.items()}
        for name, (code, output) in outcomes.items():
            assert code == 0, f"{name}:\n{output[-6000:]}"
    assert broken_invariants() == []
