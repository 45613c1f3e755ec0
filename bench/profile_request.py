"""Where one request's time goes, in-process: ``python -m bench.profile_request PATH [PATH ...]``.

Runs each path through the portal's WSGI handler (bench settings, the benchmark's database and
Redis) as the benchmark's cold side does — the response cache emptied before every request —
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

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

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


def timed(client: Client, path: str, repeat: int) -> tuple[float, int]:
    timings = []
    for _run in range(repeat):
        forget_responses()
        started = time.perf_counter()
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="ru")
        timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    return statistics.median(timings) * 1000, int(response.get("X-Query-Count", 0))


def profiled(client: Client, path: str, repeat: int, top: int) -> None:
    profile = cProfile.Profile()
    for _run in range(repeat):
        forget_responses()
        profile.enable()
        client.get(path, HTTP_ACCEPT_LANGUAGE="ru")
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
    client = Client(HTTP_HOST="127.0.0.1")
    for path in arguments.paths:
        client.get(path, HTTP_ACCEPT_LANGUAGE="ru")  # imports, connections, first-use caches
        portal, queries = timed(client, path, repeat)
        line = f"{path}: portal {portal:.2f} ms ({queries} queries)"
        if arguments.floor:
            floor, _queries = timed(client, floor_path(path), repeat)
            line += f", floor {floor:.2f} ms, ratio {portal / floor:.2f}"
        print(line, flush=True)
        if arguments.profile:
            profiled(client, path, repeat, arguments.top)


if __name__ == "__main__":
    main()
