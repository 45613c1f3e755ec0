"""The backup script dumps, restores into a fresh database and finds the same row counts."""

import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.workers import _database_url

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "backup-restore-check.sh"


def test_backup_restores_with_identical_row_counts(tmp_path):
    call_command("load_reference_data", "--demo", stdout=io.StringIO())
    backup = tmp_path / "portal.dump"
    result = subprocess.run(
        [str(SCRIPT), _database_url(), str(backup)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "restore check OK" in result.stdout
    assert backup.stat().st_size > 10_000
