"""What one cold request costs the portal's process in CPU instructions, counted by valgrind:
``python -m bench.instructions PATH [PATH ...] [--floor]``.

Latency on a shared 2-core machine moves by half from one minute to the next (make bench's
floors of the same query have differed by 50 % between runs), which hides a change worth 5 %.
Instructions do not move: callgrind counts them whatever else the machine is doing, the same
count for the same code and data (two runs of a cold partner-search page: 59.06 and 59.05 M).
Compare two versions checked out at the same path: the path alone (file names in code objects
and template origins) moved that page's count by about 2 %. What instructions leave out is
time spent waiting, in PostgreSQL and Redis, on the network: a figure for the portal's own
work (Python, Django, the drivers), to compare two versions of the code by, not a latency
(that is ``make bench``).

Each path runs in its own process under ``valgrind --tool=callgrind``: the portal's WSGI
handler (bench settings, the benchmark's database and Redis, as bench.profile_request), a few
requests to warm it, then ``--requests`` requests, each after emptying the response cache as
the benchmark's cold side does. The same process stopped after the warm-up gives the base that
is subtracted (Django's set-up, imports and first requests), so the figure is of the counted
requests alone. ``--floor`` counts the matching floor view the same way. Needs Debian's
valgrind; a path takes one to three minutes.

The benchmark's Redis database is emptied first, as bench.run does: emptying the response cache
before each request scans its keys, and what earlier runs had left there moved a count by 10 %.

Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL as for bench.run.
"""

import argparse
import io
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WARM_UP = 10


def child(path: str, requests: int) -> None:
    """Run in the process valgrind watches: warm up, then the counted requests."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    from bench.profile_request import forget_responses  # (Django set up as for the benchmark)

    handler = WSGIHandler()
    factory = RequestFactory(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="ru")

    def get() -> None:
        environ = factory.get(path).environ
        environ["wsgi.input"] = io.BytesIO(b"")
        statuses = []
        response = handler(environ, lambda status, headers, *args: statuses.append(status))
        b"".join(response)
        response.close()
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{path}: HTTP {statuses[0]}")

    for _run in range(WARM_UP + requests):
        forget_responses()
        get()


def counted(path: str, requests: int) -> int:
    """The instructions callgrind counted in a child process for ``path``."""
    with tempfile.TemporaryDirectory() as directory:
        completed = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={directory}/out",
                sys.executable,
                "-m",
                "bench.instructions",
                "--child",
                path,
                "--requests",
                str(requests),
            ],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
        )
    found = re.search(r"Collected : (\d+)", completed.stderr)
    if completed.returncode != 0 or found is None:
        raise SystemExit(f"{path}: valgrind failed\n{completed.stdout}{completed.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--floor", action="store_true", help="count the floor view as well")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.paths[0], arguments.requests)
        return
    os.environ.setdefault("PYTHONHASHSEED", "0")  # the same dict and set layouts every run
    # One database connection for the whole run: under valgrind a run lasts minutes, and the
    # portal's 60 s would reconnect (and prepare its statements again) a varying number of times.
    os.environ.setdefault("CONN_MAX_AGE", "86400")
    requests = arguments.requests

    def per_request(path: str) -> float:
        # The two processes at once: a count does not depend on what else runs.
        with ThreadPoolExecutor(max_workers=2) as pool:
            full, base = pool.map(counted, [path, path], [requests, 0])
        return (full - base) / requests

    from django.core.cache import cache

    from bench.profile_request import floor_path  # sets Django up here as well

    cache.clear()  # the benchmark's own database (BENCH_REDIS_URL)
    for path in arguments.paths:
        portal = per_request(path)
        line = f"{path}: {portal / 1e6:.2f} M instructions per cold request"
        if arguments.floor:
            floor = per_request(floor_path(path))
            line += f", floor {floor / 1e6:.2f} M, ratio {portal / floor:.2f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
