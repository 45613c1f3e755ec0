"""Production settings pass Django's deployment checks; responses carry the security headers."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client, override_settings

from tests.commands import manage


def production_env(**extra) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG"))},
        "DJANGO_SETTINGS_MODULE": "memorandum_portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "ALLOWED_HOSTS": "portal.example.org",
        **extra,
    }


def test_check_deploy_reports_nothing():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_secrets():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    result = manage("check", env=production_env(REDIS_URL=""))
    assert result.returncode != 0 and "REDIS_URL" in result.stderr


@pytest.mark.django_db
def test_public_pages_carry_the_security_headers():
    with override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True):
        response = Client().get("/ru/statistics/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert "https://tile.openstreetmap.org" in policy


def test_a_web_process_loads_its_urls_and_templates_before_serving_without_database_or_redis():
    # core.warmup: what the first request would load is loaded when the WSGI module is
    # imported (as gunicorn's workers do), and that reads neither the database nor Redis.
    script = (
        "import gc, json\n"
        "import memorandum_portal.wsgi\n"
        "from django.template import engines\n"
        "from django.urls import get_resolver\n"
        "from core.warmup import portal_templates\n"
        "loader = engines['django'].engine.template_loaders[0]\n"
        "print(json.dumps({'templates': len(loader.get_template_cache),\n"
        "    'files': len(portal_templates()),\n"
        "    'languages': sorted(get_resolver()._reverse_dict),\n"
        "    'frozen': gc.get_freeze_count() > 0}))\n"
    )
    env = production_env(
        DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere", REDIS_URL="redis://127.0.0.1:1/0"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["templates"] == loaded["files"] >= 40
    assert loaded["languages"] == ["en", "ky", "ru"] and loaded["frozen"]
    assert "Warm-up" not in result.stderr
