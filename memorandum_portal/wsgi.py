"""WSGI entry point (gunicorn memorandum_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "memorandum_portal.settings.production")

application = get_wsgi_application()

# URLs, catalogs and templates loaded before the first request (core/warmup.py says why).
from core.warmup import warm_up  # noqa: E402

warm_up()
