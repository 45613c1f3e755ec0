"""Running the portal's manage.py in a process of its own, with the environment a test gives."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def shell_on_sqlite(script: str, tmp_path: Path) -> tuple[object, str]:
    """``script`` run by ``manage.py shell`` as ``make run`` runs the portal (local settings, a
    new SQLite file, no Redis): what it printed after ``RESULT `` as JSON, and all it printed."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "EMAIL_URL"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "memorandum_portal.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    for args in (("migrate", "--no-input", "-v", "0"), ("shell", "-c", script)):
        completed = manage(*args, env=env)
        assert completed.returncode == 0, completed.stderr[-3000:]
    [line] = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    return json.loads(line.removeprefix("RESULT ")), completed.stdout
