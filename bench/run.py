"""`make bench`: the portal at national scale on PostgreSQL, under gunicorn on loopback, against
a raw-SQL floor; results in bench/results/ (JSON and a Markdown table).

Environment:
    BENCH_SCALE          small (default) or full
    BENCH_DATABASE_URL   default postgres://postgres@127.0.0.1:5432/portal_bench (created when
                         missing; the data is generated when absent)
    BENCH_REDIS_URL      default redis://127.0.0.1:6379/12 (flushed at the start: it is the
                         benchmark's own)
    BENCH_REPEAT         requests per target and side (default 30)
    BENCH_CLIENTS        concurrent clients of the load test (default 32)
    BENCH_SECONDS        length of the load test (default 60)
    BENCH_WORKERS        gunicorn workers (default 2 × cores + 1)
    BENCH_REMINDERS      due reminders in the sweep test (default 100,000 full, 1,000 small)
    BENCH_SKIP           comma-separated parts to leave out: latency, search, suggestions,
                         load, reminders
    BENCH_REGENERATE     1: generate the data again even when it is there (and time it)

Parts: (a, b) latency and queries per request of every API list and public page and of its
floor (bench/floor_views.py); (c) search plans; (d) the reminder sweep against its floor;
(e) concurrent load with the workers' peak memory; (f) partner suggestions of a large city.
"""

import datetime
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results"
SCALE = os.environ.get("BENCH_SCALE", "small")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
REMINDERS = int(os.environ.get("BENCH_REMINDERS", "100000" if SCALE == "full" else "1000"))
REGENERATE = os.environ.get("BENCH_REGENERATE", "") == "1"
SKIP = {part.strip() for part in os.environ.get("BENCH_SKIP", "").split(",") if part.strip()}

GOAL_API = 1.5
GOAL_PAGE = 3.0
GOAL_REMINDERS = 2.0
GOAL_WORKER_MB = 150
GOAL_SUGGESTIONS_MS = 100
# "Well under" the goal, read as at least a quarter under it.
WELL_UNDER_SUGGESTIONS_MS = 75

ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "DEBUG": "false",
    "BENCH_FLOOR_VIEWS": "true",
    "LOG_LEVEL": "WARNING",
    # The benchmark is one client address making many requests; throttling has its own tests.
    "API_THROTTLE_ANON": "100000000/minute",
    "API_THROTTLE_USER": "100000000/minute",
}
os.environ.update(ENVIRONMENT)
sys.path.insert(0, str(BASE_DIR))


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def ensure_database() -> None:
    import psycopg2

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    server = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
    )
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            log(f"creating database {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    server.close()


import django  # noqa: E402

ensure_database()
django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from bench import client, plans  # noqa: E402
from bench.floor_views import _page_municipality  # noqa: E402
from core import response_cache  # noqa: E402
from events.filtersets import EventFilterSet  # noqa: E402
from events.selectors import event_list  # noqa: E402
from exchanges.suggestions import suggest_partners  # noqa: E402
from partnerships import selectors  # noqa: E402
from partnerships.models import Memorandum, Municipality, Sector  # noqa: E402
from partnerships.scale_data import CODE_PREFIX, counts_for  # noqa: E402

COUNTED_TABLES = (
    "partnerships_region",
    "partnerships_municipality",
    "partnerships_municipality_sectors",
    "partnerships_partnership",
    "partnerships_project",
    "partnerships_projectparticipation",
    "events_event",
    "events_participant",
    "exchanges_exchange",
    "exchanges_bestpractice",
    "exchanges_partnerrequest",
)


# --- Data -------------------------------------------------------------------------------------


def prepare_data() -> dict:
    call_command("migrate", verbosity=0)
    expected = counts_for(SCALE)
    generated = Municipality.objects.filter(official_code__startswith=CODE_PREFIX).count()
    events = connection.cursor()
    events.execute("SELECT count(*) FROM events_participant")
    participants = events.fetchone()[0]
    result = {"generated_now": False}
    missing = generated != expected["municipalities"] or participants < expected["participants"]
    if missing or REGENERATE:
        log(f"generating data at scale {SCALE} (found {generated} generated municipalities)")
        started = time.monotonic()
        call_command("generate_scale_data", scale=SCALE, no_progress=True)
        result = {"generated_now": True, "generation_seconds": round(time.monotonic() - started)}
    # The cache holds figures of the tables as they were; COPY sent no signals to renew them.
    cache.clear()
    with connection.cursor() as cursor:
        counts = {}
        for table in COUNTED_TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    result["row_counts"] = counts
    return result


def large_city() -> Municipality:
    """The most populous generated Kyrgyz city with sectors: the heaviest suggestions case."""
    return (
        Municipality.objects.filter(
            official_code__startswith=CODE_PREFIX, region__country="KG", sectors__isnull=False
        )
        .exclude(kind="rural")
        .order_by("-population", "pk")
        .distinct()
        .first()
    )


# --- Gunicorn ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Portal:
    """gunicorn serving the portal (bench.settings) on a free loopback port."""

    def __enter__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(RESULTS / "gunicorn.log", "wb")
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "memorandum_portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--timeout",
                "120",
                "--env",
                "DJANGO_SETTINGS_MODULE=bench.settings",
            ],
            cwd=BASE_DIR,
            env={**os.environ, **ENVIRONMENT},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if client.get(self.url, "/api/v1/", timeout=5).status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("gunicorn did not start; see bench/results/gunicorn.log")
            time.sleep(0.3)
        log(f"gunicorn on {self.url} with {WORKERS} workers")
        return self

    def workers_memory(self) -> dict:
        memory = {pid: client.peak_memory_mb(pid) for pid in client.worker_pids(self.process.pid)}
        return {"per_worker_mb": memory, "max_mb": max(memory.values(), default=None)}

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# --- (a, b) Latency and queries per request ---------------------------------------------------


def targets(city_id: int) -> list[dict]:
    today = timezone.localdate()
    memorandum = Memorandum.objects.order_by("signed_on").first()
    sector = Sector.objects.order_by("order").first()
    filters = {
        "regions": "country=RU",
        "sectors": "search=тур",
        "municipalities": "country=KG",
        "parties": "country=KG",
        "memoranda": "status=in_force",
        "goals": f"memorandum={memorandum.pk if memorandum else 0}",
        "activity-types": f"memorandum={memorandum.pk if memorandum else 0}",
        # Health: kept dates per partnership (exchanges.PartnershipActivity) since 2026-11-26.
        "partnerships": ["status=active", "health=dormant"],
        "projects": "status=in_progress",
        "events": f"date_from={today - datetime.timedelta(days=30)}&date_to={today}",
        "working-groups": "search=груп",
        "exchanges": "country=KG",
        "best-practices": f"sector={sector.pk if sector else 0}",
        "partner-requests": "status=open",
    }
    found = []
    for resource, extra in filters.items():
        for query in ("", *([extra] if isinstance(extra, str) else extra)):
            suffix = f"&{query}" if query else ""
            found.append(
                {
                    "kind": "api",
                    "name": f"/api/v1/{resource}/" + (f"?{query}" if query else ""),
                    "portal": f"/api/v1/{resource}/?page_size={{size}}{suffix}",
                    "floor": f"/bench/floor/api/{resource}/?page_size={{size}}{suffix}",
                }
            )
    pages = (
        ("/ru/", "home"),
        ("/ru/municipalities/", "municipalities"),
        (f"/ru/municipalities/{city_id}/", f"municipality/?id={city_id}"),
        ("/ru/partnerships/", "partnerships"),
        ("/ru/projects/", "projects"),
        ("/ru/events/", "events"),
        ("/ru/events/?view=list", "events/?view=list"),
        ("/ru/exchanges/", "exchanges"),
        ("/ru/best-practices/", "best-practices"),
        ("/ru/partner-search/", "partner-search"),
        ("/ru/memorandum/", "memorandum"),
        ("/ru/statistics/", "statistics"),
    )
    for path, floor in pages:
        floor_path = f"/bench/floor/page/{floor}" if "?" in floor else f"/bench/floor/page/{floor}/"
        found.append({"kind": "page", "name": path, "portal": path, "floor": floor_path})
    return found


def forget_responses() -> None:
    """Empty the portal's response cache (core/response_cache.py): the next request is cold."""
    cache.delete_pattern(response_cache.PREFIX + "*")


def measure_target(url: str, target: dict) -> dict:
    """Warm: the portal as visitors meet it, its response cache filled by the first request.
    Cold: the response cache emptied before each request, so every one queries and renders
    (the version stamps stay: a cold request is the first one after somebody's change)."""
    portal_path = target["portal"].format(size=50)
    floor_path = target["floor"].format(size=50)
    forget_responses()
    first = client.get(url, portal_path)
    if first.status == 404:
        return {**target, "skipped": "404: not built yet"}
    if first.status != 200:
        return {**target, "error": f"HTTP {first.status}"}
    floor_first = client.get(url, floor_path)
    if floor_first.status != 200:
        return {**target, "error": f"floor HTTP {floor_first.status}"}
    # Slow targets get fewer repetitions so that one page cannot take the whole run.
    repeat = REPEAT if first.seconds < 2 else max(5, REPEAT // 3)
    portal, floor, cold = [], [], []
    for _index in range(repeat):
        portal.append(client.get(url, portal_path))
        floor.append(client.get(url, floor_path))
        forget_responses()
        cold.append(client.get(url, portal_path))
    failures = [r.status for r in portal + floor + cold if r.status != 200]
    result = {
        **target,
        "portal": client.latency_summary([r.seconds for r in portal]),
        "portal_cold": client.latency_summary([r.seconds for r in cold]),
        "floor": client.latency_summary([r.seconds for r in floor]),
        "bytes": {"portal": first.size, "floor": floor_first.size},
        "queries": {
            "portal_50": first.query_count,
            "portal_50_warm": portal[-1].query_count,
            "floor_50": floor_first.query_count,
        },
        "failures": failures,
    }
    floor_median, floor_p95 = result["floor"]["median_ms"], result["floor"]["p95_ms"]
    result["ratio"] = round(result["portal"]["median_ms"] / floor_median, 2)
    result["ratio_p95"] = round(result["portal"]["p95_ms"] / floor_p95, 2)
    result["ratio_cold"] = round(result["portal_cold"]["median_ms"] / floor_median, 2)
    result["ratio_cold_p95"] = round(result["portal_cold"]["p95_ms"] / floor_p95, 2)
    result["goal"] = GOAL_API if target["kind"] == "api" else GOAL_PAGE
    if target["kind"] == "api":
        forget_responses()
        small_page = client.get(url, target["portal"].format(size=10))
        result["queries"]["portal_10"] = small_page.query_count
        result["queries"]["flat"] = result["queries"]["portal_10"] == first.query_count
    return result


def measure_latency(url: str, city_id: int) -> list[dict]:
    results = []
    for target in targets(city_id):
        result = measure_target(url, target)
        results.append(result)
        if "ratio" in result:
            log(
                f"{target['name']}: {result['portal']['median_ms']} ms (cold "
                f"{result['portal_cold']['median_ms']} ms) vs floor "
                f"{result['floor']['median_ms']} ms ({result['ratio']}×, cold "
                f"{result['ratio_cold']}×), "
                f"queries {result['queries']}"
            )
        else:
            log(f"{target['name']}: {result.get('skipped') or result.get('error')}")
    return results


# --- (c) Search plans -------------------------------------------------------------------------


def measure_search() -> dict:
    from rest_framework.filters import SearchFilter
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from partnerships.api.views import MunicipalityViewSet

    results = {"municipality_names": [], "events": []}
    translation.activate("ru")
    for term in ("ово", "Кара", "айыл", "Ozyork", "Бишкек"):
        condition = (
            Q(name_ru__icontains=term) | Q(name_ky__icontains=term) | Q(name_en__icontains=term)
        )
        directory = selectors.municipality_directory().filter(condition)
        view = MunicipalityViewSet()
        view.request = Request(APIRequestFactory().get("/", {"search": term}))
        view.format_kwarg = None
        api = SearchFilter().filter_queryset(view.request, selectors.municipality_list(), view)
        results["municipality_names"].append(
            {
                "term": term,
                "matches": directory.count(),
                "public_directory_page": plans.explain_queryset(directory[:30]),
                "public_directory_count": plans.explain_queryset(directory.values("pk").order_by()),
                "api_search_page": plans.explain_queryset(api[:50]),
            }
        )
    now = timezone.now()
    city = large_city()
    cases = {
        "API ?date_from=&date_to= (a month: days as a starts_at range)": {
            "date_from": (now - datetime.timedelta(days=30)).date().isoformat(),
            "date_to": now.date().isoformat(),
        },
        "API ?starts_after=&starts_before= (a month, starts_at range)": {
            "starts_after": (now - datetime.timedelta(days=30)).isoformat(),
            "starts_before": now.isoformat(),
        },
        "API ?municipality= (host or organiser, a large city)": {"municipality": city.pk},
        "API ?municipality=&date_from=&date_to= (a year)": {
            "municipality": city.pk,
            "date_from": (now - datetime.timedelta(days=365)).date().isoformat(),
            "date_to": now.date().isoformat(),
        },
    }
    with timezone.override(datetime.UTC):
        for name, data in cases.items():
            queryset = EventFilterSet(data, queryset=event_list().public()).qs
            results["events"].append(
                {
                    "case": name,
                    "matches": queryset.count(),
                    "page_of_50": plans.explain_queryset(queryset[:50]),
                    "count": plans.explain_queryset(queryset.values("pk").order_by()),
                }
            )
    for entry in results["municipality_names"]:
        log(
            f"search {entry['term']!r}: {entry['public_directory_page']['execution_ms']} ms, "
            f"{entry['public_directory_page']['indexes']}"
        )
    for entry in results["events"]:
        log(
            f"events {entry['case']}: {entry['page_of_50']['execution_ms']} ms, "
            f"{entry['page_of_50']['indexes']} seq {entry['page_of_50']['seq_scans']}"
        )
    return results


# --- (f) Partner suggestions ------------------------------------------------------------------


def measure_suggestions() -> dict:
    city = large_city()
    translation.activate("ru")
    timings = []
    for _run in range(5):
        started = time.perf_counter()
        with plans.CaptureQueries() as captured:
            suggestions = suggest_partners(municipality=city)
        timings.append(time.perf_counter() - started)
    ranking = max(captured.queries, key=lambda query: len(query[0]))
    sql, params = _page_municipality({"id": city.pk})
    floor_sql = (
        "WITH "
        + sql.split("WITH", 1)[1].split("\nSELECT (SELECT row_to_json", 1)[0]
        + "\nSELECT * FROM suggestions"
    )
    result = {
        "municipality": {
            "id": city.pk,
            "name": city.name_ru,
            "population": city.population,
            "country": city.region.country,
        },
        "candidates": Municipality.objects.exclude(region__country=city.region.country).count(),
        "latency": client.latency_summary(timings),
        "queries": len(captured.queries),
        "ranking_query": plans.explain_sql(*ranking),
        "ranking_query_without_jit": plans.explain_without_jit(*ranking),
        "floor_ranking_query": plans.explain_sql(floor_sql, params),
        "top": [(s.municipality.name_ru, s.score) for s in suggestions[:5]],
    }
    log(
        f"suggestions: {result['latency']['median_ms']} ms, ranking query "
        f"{result['ranking_query']['execution_ms_untimed']} ms (floor "
        f"{result['floor_ranking_query']['execution_ms_untimed']} ms)"
    )
    return result


# --- (e) Load ---------------------------------------------------------------------------------


def measure_load(portal: Portal, latency: list[dict]) -> dict:
    import random

    # Paths that were not built (404) or failed in part (a) are left out and listed.
    missing = {r["name"] for r in latency if "skipped" in r or "error" in r}
    ids = list(
        Municipality.objects.filter(official_code__startswith=CODE_PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sample = random.Random(7).sample(ids, min(5, len(ids)))
    pages = [
        "/ru/",
        "/ru/municipalities/",
        "/ru/municipalities/?q=ово",
        "/ru/partnerships/",
        "/ru/projects/",
        "/ru/events/",
        "/ru/events/?view=list",
        "/ru/exchanges/",
        "/ru/best-practices/",
        "/ru/partner-search/",
        "/ru/memorandum/",
        "/ru/statistics/",
    ]
    paths = [page for page in pages if page.split("?")[0] not in missing and page not in missing]
    detail_failed = any(
        r["name"].startswith("/ru/municipalities/") and r["name"] != "/ru/municipalities/"
        for r in latency
        if "error" in r or "skipped" in r
    )
    if not detail_failed:
        paths += [f"/ru/municipalities/{pk}/" for pk in sample]
    paths += [
        f"/api/v1/{resource}/?page_size=50"
        for resource in (
            "municipalities",
            "partnerships",
            "projects",
            "events",
            "exchanges",
            "best-practices",
            "partner-requests",
        )
        if f"/api/v1/{resource}/" not in missing
    ]
    paths += ["/api/v1/municipalities/?search=ово", "/api/v1/events/?page_size=50&status=held"]
    excluded = sorted(missing | ({"/ru/municipalities/<id>/"} if detail_failed else set()))
    log(f"load: {CLIENTS} clients for {SECONDS:.0f} s on {len(paths)} paths")
    result = client.load(portal.url, paths, clients=CLIENTS, seconds=SECONDS)
    result["paths"] = paths
    result["excluded"] = excluded
    log(
        f"load: {result['requests_per_second']} req/s, p95 {result.get('p95_ms')} ms, "
        f"errors {result['errors']}"
    )
    return result


# --- (d) Reminders ----------------------------------------------------------------------------


def _job(*args: str) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "bench.reminders_job", *args],
        cwd=BASE_DIR,
        env={**os.environ, **ENVIRONMENT},
        capture_output=True,
        text=True,
    )
    if output.returncode:
        raise RuntimeError(f"reminders_job {args[0]} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def _part(results: dict, name: str, measure, *args) -> None:
    """Run one part; a part that fails is recorded as failed and the others still run."""
    if name in SKIP:
        return
    try:
        results[name] = measure(*args)
    except Exception as error:  # a failing part must not lose the figures of the others
        log(f"{name} failed: {error}")
        results.setdefault("failed_parts", {})[name] = f"{type(error).__name__}: {error}"


def measure_reminders() -> dict:
    log(f"reminders: setting up {REMINDERS:,} due reminders")
    setup = _job("setup", "--due", str(REMINDERS))
    try:
        sweep = _job("sweep")
        log(f"reminders: sweep {sweep['seconds']} s for {sweep['report']}")
        floor = _job("floor", "--since", setup["since"])
        log(f"reminders: floor {floor['seconds']} s for {floor['messages']} messages")
    finally:
        cleanup = _job("cleanup", "--since", setup["since"])
    ratio = round(sweep["seconds"] / floor["seconds"], 2) if floor["seconds"] else None
    return {
        "setup": setup,
        "sweep": sweep,
        "floor": floor,
        "cleanup": cleanup,
        "ratio": ratio,
        "goal": GOAL_REMINDERS,
    }


# --- Results ----------------------------------------------------------------------------------


def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "**over**")


def _ms(plan: dict) -> str:
    jit = f", JIT {plan['jit_ms']}" if plan.get("jit_ms") else ""
    return f"{plan['execution_ms_untimed']} ({plan['execution_ms']}{jit})"


def markdown(results: dict) -> str:
    lines = [
        f"# Benchmark, scale {results['scale']} ({results['date']})",
        "",
        f"{results['cpu_count']} cores, {WORKERS} gunicorn workers, PostgreSQL "
        f"{results['postgres']} (jit {results['postgres_jit']}, autovacuum "
        f"{results.get('postgres_autovacuum', '?')}); {REPEAT} requests per target "
        "and side, one at a time. "
        "Ratio = portal median / floor median (one hand-written SQL query + json.dumps).",
        "",
        (
            f"Data generated in this run in {results['data']['generation_seconds']} s."
            if results["data"].get("generated_now")
            else "Data generated by an earlier run."
        ),
        "",
        "Rows: "
        + ", ".join(f"{t.split('_', 1)[1]} {n:,}" for t, n in results["data"]["row_counts"].items())
        + ".",
        "",
    ]
    if "latency" in results:
        lines += [
            "Warm: the portal as visitors meet it, its response cache (rendered lists and pages "
            "kept under the version of the data they show) filled by the first request. Cold: "
            "that cache emptied before every request, so each one queries, serializes and "
            "renders, as the first request after a change does.",
            "",
            "| target | warm median / p95 ms | cold median / p95 ms | floor median / p95 ms | "
            "ratio warm | ratio cold | queries @10 / @50 | KB |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in results["latency"]:
            if "ratio" not in r:
                lines.append(
                    f"| `{r['name']}` | {r.get('skipped') or r.get('error')} | | | | | | |"
                )
                continue
            queries = r["queries"]
            counted = (
                f"{queries.get('portal_10')} / {queries['portal_50']}"
                if "portal_10" in queries
                else f"– / {queries['portal_50']}"
            )
            cold = r["portal_cold"]
            lines.append(
                f"| `{r['name']}` | {r['portal']['median_ms']} / {r['portal']['p95_ms']} | "
                f"{cold['median_ms']} / {cold['p95_ms']} | "
                f"{r['floor']['median_ms']} / {r['floor']['p95_ms']} | "
                f"{r['ratio']}× {_mark(r['ratio'] <= r['goal'])} | "
                f"{r['ratio_cold']}× {_mark(r['ratio_cold'] <= r['goal'])} | {counted} | "
                f"{round(r['bytes']['portal'] / 1024)} |"
            )
        lines.append("")
        for kind, goal in (("api", GOAL_API), ("page", GOAL_PAGE)):
            measured = [r for r in results["latency"] if r["kind"] == kind and "ratio" in r]
            warm = sum(r["ratio"] <= goal for r in measured)
            cold = sum(r["ratio_cold"] <= goal for r in measured)
            lines.append(
                f"- {'API lists' if kind == 'api' else 'Public pages'} (goal ≤ {goal}×): "
                f"{warm} of {len(measured)} within it warm, {cold} of {len(measured)} cold."
            )
        lines.append("")
    if "search" in results:
        lines += [
            "## Search (EXPLAIN ANALYZE, database time)",
            "",
            "| query | matches | ms (with every plan node timed) | indexes | full scans |",
            "|---|---|---|---|---|",
        ]
        for entry in results["search"]["municipality_names"]:
            for key in ("public_directory_page", "public_directory_count", "api_search_page"):
                plan = entry[key]
                lines.append(
                    f"| names {entry['term']!r}: {key.replace('_', ' ')} | {entry['matches']} | "
                    f"{_ms(plan)} | {', '.join(plan['indexes'])} | "
                    f"{', '.join(plan['seq_scans']) or '–'} |"
                )
        for entry in results["search"]["events"]:
            for key in ("page_of_50", "count"):
                plan = entry[key]
                lines.append(
                    f"| events {entry['case']}: {key.replace('_', ' ')} | {entry['matches']} | "
                    f"{_ms(plan)} | {', '.join(plan['indexes'])} | "
                    f"{', '.join(plan['seq_scans']) or '–'} |"
                )
        lines.append("")
    if results.get("failed_parts"):
        lines += ["## Parts that failed", ""]
        lines += [
            f"- {name}: {error.splitlines()[0]}" for name, error in results["failed_parts"].items()
        ]
        lines.append("")
    if "reminders" in results:
        rem = results["reminders"]
        lines += [
            "## Reminders",
            "",
            f"Sweep: {rem['sweep']['report']['sent']:,} sent ({rem['sweep']['report']}) in "
            f"{rem['sweep']['seconds']} s ({rem['sweep']['per_message_ms']} ms each); floor "
            f"(render + send, no claim): {rem['floor']['messages']:,} in {rem['floor']['seconds']}"
            f" s ({rem['floor']['per_message_ms']} ms each). Ratio {rem['ratio']}× "
            f"(goal ≤ {rem['goal']}× {_mark(rem['ratio'] is not None and rem['ratio'] <= 2)}).",
            "",
        ]
    if "load" in results:
        load = results["load"]
        memory = load.get("memory", {})
        peak = memory.get("max_mb")
        lines += [
            "## Load",
            "",
            f"{load['clients']} clients for {load['seconds']} s on {len(load['paths'])} paths: "
            f"{load['requests_per_second']} requests/s, median {load.get('median_ms')} ms, "
            f"p95 {load.get('p95_ms')} ms, errors {load['errors']} "
            f"{_mark(load['errors'] == 0)}; peak memory per worker (VmHWM) {peak} MB "
            f"(goal < {GOAL_WORKER_MB} MB {_mark(peak is not None and peak < GOAL_WORKER_MB)}).",
            "",
        ]
        if load.get("excluded"):
            lines += [
                "Left out of the mix because they failed or were missing in the latency part: "
                + ", ".join(f"`{path}`" for path in load["excluded"])
                + ".",
                "",
            ]
    if "suggestions" in results:
        sug = results["suggestions"]
        db = sug["ranking_query"]["execution_ms_untimed"]
        lines += [
            "## Partner suggestions",
            "",
            f"{sug['municipality']['name']} ({sug['municipality']['country']}, population "
            f"{sug['municipality']['population']:,}; {sug['candidates']:,} candidates): "
            f"suggest_partners {sug['latency']['median_ms']} ms median, {sug['queries']} "
            f"queries; ranking query {db} ms database time (EXPLAIN ANALYZE with TIMING OFF; "
            f"{sug['ranking_query']['execution_ms']} ms when every plan node is timed) (goal "
            f"well under {GOAL_SUGGESTIONS_MS} ms, taken as under {WELL_UNDER_SUGGESTIONS_MS} "
            f"ms: {_mark(db < WELL_UNDER_SUGGESTIONS_MS)}), of which "
            f"JIT compilation {sug['ranking_query']['jit_ms'] or 0} ms; with JIT off "
            f"{sug['ranking_query_without_jit']['execution_ms_untimed']} ms; the hand-written "
            f"ranking in the floor: {sug['floor_ranking_query']['execution_ms_untimed']} ms "
            f"({sug['floor_ranking_query']['execution_ms']} ms timed per node).",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
        cursor.execute("SHOW autovacuum")
        autovacuum = cursor.fetchone()[0]
    results = {
        "scale": SCALE,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "workers": WORKERS,
        "repeat": REPEAT,
        "postgres": version,
        "postgres_jit": jit,
        "postgres_autovacuum": autovacuum,
        "data": prepare_data(),
    }
    city = large_city()
    _part(results, "search", measure_search)
    _part(results, "suggestions", measure_suggestions)
    connection.close()
    with Portal() as portal:
        _part(results, "latency", measure_latency, portal.url, city.pk)
        _part(results, "load", measure_load, portal, results.get("latency", []))
        if "load" in results:
            results["load"]["memory"] = portal.workers_memory()
    _part(results, "reminders", measure_reminders)
    results["seconds"] = round(time.monotonic() - started)
    stamp = f"{datetime.date.today().isoformat()}-{SCALE}"
    text = json.dumps(results, indent=2, ensure_ascii=False, default=str)
    table = markdown(results)
    for name in (f"{stamp}.json", "latest.json"):
        (RESULTS / name).write_text(text + "\n", encoding="utf-8")
    for name in (f"{stamp}.md", "latest.md"):
        (RESULTS / name).write_text(table + "\n", encoding="utf-8")
    log(f"done in {results['seconds']} s: bench/results/{stamp}.md")
    print(table)


if __name__ == "__main__":
    main()
