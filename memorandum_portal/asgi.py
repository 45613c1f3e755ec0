"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "memorandum_portal.settings.production")

application = get_asgi_application()

# URLs, catalogs and templates loaded before the first request (core/warmup.py says why).
from core.warmup import warm_up  # noqa: E402

warm_up()
