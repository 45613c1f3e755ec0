"""Settings of the portal under the benchmark: the development settings (no secrets needed, static
files served from the source tree) made as close to production as they can be without
collectstatic: DEBUG off, WhiteNoise's file list built once at start rather than looked up on
every request. Used by run.py and the gunicorn it starts, with BENCH_FLOOR_VIEWS=true.
"""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("BENCH_FLOOR_VIEWS", "true")

from memorandum_portal.settings.local import *  # noqa: F403

DEBUG = False
WHITENOISE_AUTOREFRESH = False
# Reminder e-mails of the benchmark go to memory (locmem), never to a server.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
