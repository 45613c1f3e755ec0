"""Query plans for the benchmark: EXPLAIN (ANALYZE, FORMAT JSON) of a queryset or of SQL, boiled
down to database time, the indexes used and the tables read in full."""

import json
import statistics

from django.db import connection

# Tables this small are read in full by any sensible plan; a sequential scan of them is no sign.
SMALL_TABLES = {
    "partnerships_region",
    "partnerships_sector",
    "partnerships_goal",
    "partnerships_activitytype",
    "partnerships_party",
    "partnerships_memorandum",
    "events_workinggroup",
    "events_consenttext",
}


def _walk(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from _walk(child)


def summarize(plan: dict) -> dict:
    """Execution and planning time, indexes used, big tables read by a sequential scan."""
    nodes = list(_walk(plan["Plan"]))
    indexes = sorted({node["Index Name"] for node in nodes if "Index Name" in node})
    seq_scans = sorted(
        {
            node["Relation Name"]
            for node in nodes
            if node["Node Type"] == "Seq Scan" and node.get("Relation Name") not in SMALL_TABLES
        }
    )
    jit = plan.get("JIT", {}).get("Timing", {}).get("Total")
    return {
        "execution_ms": round(plan["Execution Time"], 3),
        # Time PostgreSQL spent compiling the query (JIT), included in execution_ms.
        "jit_ms": round(jit, 3) if jit is not None else None,
        "planning_ms": round(plan["Planning Time"], 3),
        "rows": plan["Plan"].get("Actual Rows"),
        "indexes": indexes,
        "seq_scans": seq_scans,
        "top_node": plan["Plan"]["Node Type"],
    }


def explain_sql(sql: str, params=None, *, runs: int = 3) -> dict:
    """EXPLAIN ANALYZE ``runs`` times (the first warms the cache); the median run's summary."""
    summaries = []
    with connection.cursor() as cursor:
        for _run in range(runs):
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            value = cursor.fetchone()[0]
            plan = (json.loads(value) if isinstance(value, str) else value)[0]
            summaries.append(summarize(plan))
    summaries.sort(key=lambda summary: summary["execution_ms"])
    median = dict(summaries[len(summaries) // 2])
    median["execution_ms_runs"] = [s["execution_ms"] for s in summaries]
    median["execution_ms_median"] = statistics.median(median["execution_ms_runs"])
    # Timing every plan node reads the clock twice per row and node, which on this kind of
    # machine adds a third or more to a query that evaluates subplans over many rows; the
    # query's own time is measured again without it.
    untimed = []
    with connection.cursor() as cursor:
        for _run in range(runs):
            cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql, params)
            value = cursor.fetchone()[0]
            untimed.append((json.loads(value) if isinstance(value, str) else value)[0])
    median["execution_ms_untimed"] = round(
        statistics.median(plan["Execution Time"] for plan in untimed), 3
    )
    return median


def explain_without_jit(sql: str, params=None, *, runs: int = 3) -> dict:
    """As explain_sql, with PostgreSQL's JIT compilation off for these runs."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        setting = cursor.fetchone()[0]
        cursor.execute("SET jit = off")
    try:
        return explain_sql(sql, params, runs=runs)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"SET jit = {'on' if setting == 'on' else 'off'}")


def explain_queryset(queryset, *, runs: int = 3) -> dict:
    sql, params = queryset.query.sql_with_params()
    return explain_sql(sql, params, runs=runs)


class CaptureQueries:
    """Records the SQL and parameters of every query run inside the block."""

    def __init__(self):
        self.queries: list[tuple[str, tuple]] = []

    def __call__(self, execute, sql, params, many, context):
        self.queries.append((sql, params))
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)
