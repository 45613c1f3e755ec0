"""HTTP for the benchmark: timed GETs against the portal on loopback, the concurrent load, and
the memory of gunicorn's workers."""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit


@dataclass
class Response:
    status: int
    seconds: float
    query_count: int | None
    size: int


def get(base_url: str, path: str, *, timeout: float = 120) -> Response:
    """One GET on a new connection (gunicorn's sync workers close each one), body read."""
    parts = urlsplit(base_url)
    started = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", quote(path, safe="/?=&%:+"), headers={"Accept-Language": "ru"})
        response = connection.getresponse()
        body = response.read()
        count = response.getheader("X-Query-Count")
        status = response.status
    finally:
        connection.close()
    elapsed = time.perf_counter() - started
    return Response(status, elapsed, int(count) if count is not None else None, len(body))


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def latency_summary(seconds: list[float]) -> dict:
    ms = [value * 1000 for value in seconds]
    return {
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "min_ms": round(min(ms), 2),
        "requests": len(ms),
    }


def load(base_url: str, paths: list[str], *, clients: int, seconds: float) -> dict:
    """``clients`` threads requesting ``paths`` in turn for ``seconds``; every request is
    bounded by a timeout and the loop by the deadline."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    latencies: list[float] = []
    errors: dict[str, int] = {}

    def client(offset: int) -> None:
        index = offset
        while time.monotonic() < deadline:
            path = paths[index % len(paths)]
            index += 1
            try:
                response = get(base_url, path, timeout=60)
                failed = None if response.status < 400 else f"HTTP {response.status} {path}"
            except OSError as error:
                response, failed = None, f"{type(error).__name__} {path}"
            with lock:
                if failed:
                    errors[failed] = errors.get(failed, 0) + 1
                else:
                    latencies.append(response.seconds)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n * 7,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.monotonic() - started
    summary = latency_summary(latencies) if latencies else {}
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        **{key: value for key, value in summary.items() if key != "requests"},
    }


def worker_pids(master_pid: int) -> list[int]:
    """The gunicorn master's child processes (its workers)."""
    children = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid):
            children.append(int(status.parent.name))
    return sorted(children)


def peak_memory_mb(pid: int) -> float | None:
    """VmHWM (peak resident set size) of a process, in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None
