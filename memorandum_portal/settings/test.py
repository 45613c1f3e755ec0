"""pytest: always Postgres (the invariants and queries are Postgres's), Redis where tests ask."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/memorandum_portal")
# Tests use the real Redis (its own database number) for the cache; Celery tasks run in-process
# unless a test starts a real worker (tests/workers.py), which sets CELERY_TASK_ALWAYS_EAGER=false.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
# Tests make many anonymous requests from one address; the throttling test sets its own rates.
os.environ.setdefault("API_THROTTLE_ANON", "100000/minute")
os.environ.setdefault("API_THROTTLE_USER", "100000/minute")

from .base import *  # noqa: F403
from .base import env

# The pytest-xdist process this is (gw0, gw1, ...): parallel runs share the machine's services.
TEST_PROCESS = os.environ.get("PYTEST_XDIST_WORKER", "main")

DEBUG = False
# Fast hashing: tests create many users and log in often.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
# The outbox of django.core.mail, unless a worker process is pointed at a test SMTP server.
if "EMAIL_URL" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One folder per test process: tests that compare the stored files must not see another's.
MEDIA_ROOT = env.path(
    "MEDIA_ROOT",
    default=f"/tmp/memorandum-portal-test-media-{TEST_PROCESS}",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the apps and static/ without running collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Parallel test processes share one Redis database; each keeps to its own keys, and to its own
# Celery queue (the workers a test starts inherit the variable and consume that queue only).
CACHES["default"]["KEY_PREFIX"] = f"test-{TEST_PROCESS}"  # noqa: F405
CELERY_TASK_DEFAULT_QUEUE = f"celery-{TEST_PROCESS}"

# No persistent connections: the live server's threads must let the test database be dropped.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)  # noqa: F405
