"""Real Celery worker processes for tests, on the real Redis and the test database.

Tests that use them must commit their data (``django_db(transaction=True)``) so that the worker,
another process, sees it.
"""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent
CELERY = str(Path(sys.executable).with_name("celery"))


def _database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}"
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


class Worker:
    def __init__(self, process: subprocess.Popen, log: Path):
        self.process = process
        self.log = log

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes: no chance to clean up or acknowledge."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """Warm shutdown, as a service manager does it: SIGTERM to the main process only, which
        lets the pool finish the task in hand (a SIGTERM to every pool process would cut a
        message off between the mail server and the commit)."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def celery_worker(
    *, name: str, email_url: str, concurrency: int = 1, tmp_path: Path, redis_url: str | None = None
):
    """Start ``celery worker`` as a subprocess in its own process group."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "memorandum_portal.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url or settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": email_url,
        "PYTHONUNBUFFERED": "1",
        # A short lease, so rows claimed by a killed worker come back within the test.
        "REMINDER_CLAIM_LEASE_SECONDS": "3",
    }
    log = tmp_path / f"worker-{name}.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [
                CELERY,
                "-A",
                "memorandum_portal",
                "worker",
                "--hostname",
                f"{name}@%h",
                "--concurrency",
                str(concurrency),
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    worker = Worker(process, log)
    try:
        yield worker
    finally:
        worker.stop()


def enqueue_sweep(count: int = 1, broker_url: str | None = None) -> None:
    """Put sweep tasks on the real broker, as beat does every minute."""
    from memorandum_portal.celery import app

    with app.connection_for_write(broker_url) as conn:
        for _ in range(count):
            app.send_task("events.tasks.send_due_reminders", connection=conn)


def purge_broker() -> None:
    """Drop tasks a previous test left in the queue."""
    from memorandum_portal.celery import app

    app.control.purge()


def broker_is_idle() -> bool:
    """No task waits in the queue (tasks being worked on are not counted)."""
    from memorandum_portal.celery import app

    with app.connection_for_read() as conn:
        return conn.default_channel.client.llen(app.conf.task_default_queue) == 0


def wait_until(predicate, timeout: float = 60.0, interval: float = 0.1, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(message or "condition not reached in time")
