"""Where one request's time goes, in-process: ``python -m bench.profile_request PATH [PATH ...]``.

Runs each path through the portal's WSGI handler (bench settings, the benchmark's database and
Redis), called directly as gunicorn calls it (Django's test Client copies every template's
context for its assertions, which made a page's ratio half again as large), as the benchmark's
cold side does — the response cache emptied before every request —
and prints the median time of the portal and, with ``--floor``, of the matching floor view;
``--profile`` adds the cProfile functions that took the most time. A tool for the work the
benchmark's figures ask for, not a measurement of record (that is ``make bench``).

Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL as for bench.run; PROFILE_REPEAT (default 50).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault(
    "DATABASE_URL",
    os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench"),
)
os.environ.setdefault("REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"))
os.environ.setdefault("API_THROTTLE_ANON", "100000000/minute")
os.environ.setdefault("API_THROTTLE_USER", "100000000/minute")

import django  # noqa: E402

django.setup()

import io  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

from core import response_cache  # noqa: E402


def floor_path(path: str) -> str:
    """The floor view the benchmark compares ``path`` with."""
    route, _sep, query = path.partition("?")
    parts = [part for part in route.split("/") if part]
    if parts[:2] == ["api", "v1"]:
        target = f"/bench/floor/api/{parts[2]}/"
    elif len(parts) == 1:
        target = "/bench/floor/page/home/"
    elif len(parts) == 3 and parts[1] == "municipalities":
        target = "/bench/floor/page/municipality/"
        query = f"id={parts[2]}" + (f"&{query}" if query else "")
    else:
        target = f"/bench/floor/page/{parts[1]}/"
    return target + (f"?{query}" if query else "")


def forget_responses() -> None:
    """Empty the response cache, as the benchmark's cold side does (bench.run)."""
    cache.delete_pattern(response_cache.PREFIX + "*")


class Handler:
    """GETs through the portal's WSGI application, as a WSGI server makes them."""

    def __init__(self):
        self.application = get_wsgi_application()

    def get(self, path: str) -> tuple[str, dict]:
        route, _sep, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1:8000",
            "HTTP_ACCEPT_LANGUAGE": "ru",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        started = []
        body = self.application(
            environ, lambda status, headers, *_: started.append((status, dict(headers)))
        )
        try:
            b"".join(body)
        finally:
            body.close()  # as the server does once the body is sent (keeps the response)
        return started[0]


def timed(handler: Handler, path: str, repeat: int) -> tuple[float, int]:
    timings = []
    for _run in range(repeat):
        forget_responses()
        started = time.perf_counter()
        status, headers = handler.get(path)
        timings.append(time.perf_counter() - started)
        if not status.startswith("200"):
            raise SystemExit(f"{path}: HTTP {status}")
    return statistics.median(timings) * 1000, int(headers.get("X-Query-Count", 0))


def profiled(handler: Handler, path: str, repeat: int, top: int) -> None:
    profile = cProfile.Profile()
    for _run in range(repeat):
        forget_responses()
        profile.enable()
        handler.get(path)
        profile.disable()
    stats = pstats.Stats(profile).strip_dirs().sort_stats("tottime")
    stats.print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--floor", action="store_true", help="time the floor view as well")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--top", type=int, default=35)
    arguments = parser.parse_args()
    repeat = int(os.environ.get("PROFILE_REPEAT", "50"))
    handler = Handler()
    for path in arguments.paths:
        handler.get(path)  # imports, connections, first-use caches
        portal, queries = timed(handler, path, repeat)
        line = f"{path}: portal {portal:.2f} ms ({queries} queries)"
        if arguments.floor:
            floor, _queries = timed(handler, floor_path(path), repeat)
            line += f", floor {floor:.2f} ms, ratio {portal / floor:.2f}"
        print(line, flush=True)
        if arguments.profile:
            profiled(handler, path, repeat, arguments.top)


if __name__ == "__main__":
    main()
