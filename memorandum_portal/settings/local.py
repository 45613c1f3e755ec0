"""Development and `make run`: SQLite unless DATABASE_URL is set, no services required."""

import os

# A fixed key is acceptable only here: local.py never serves real users.
os.environ.setdefault("SECRET_KEY", "local-development-only-not-secret")
os.environ.setdefault("DEBUG", "True")

from .base import *  # noqa: F403

# Serve static files straight from the apps and static/ without running collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
