"""Settings shared by every environment; values come from the environment (django-environ).

local.py, test.py and production.py import this module and adjust what differs.
"""

import datetime
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file next to manage.py is a convenience for development; real deployments set variables.
if (BASE_DIR / ".env").is_file():
    env.read_env(str(BASE_DIR / ".env"))

SECRET_KEY = env("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# --- Applications -------------------------------------------------------------------------------
DJANGO_APPS = [
    # modeltranslation must come before the admin so that its admin patches apply.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "simple_history",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "axes",
]
LOCAL_APPS = [
    "core",
    "accounts",
    "partnerships",
    "events",
    "exchanges",
    "webhooks",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records request.user as the author of every history row.
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: answers a locked-out login with accounts.lockout.
    "axes.middleware.AxesMiddleware",
]
# The benchmark (bench/, `make bench`): raw-SQL floor views under /bench/ and a query count in
# each response's X-Query-Count header. Never on in production.
BENCH_FLOOR_VIEWS = env.bool("BENCH_FLOOR_VIEWS", default=False)
if BENCH_FLOOR_VIEWS:
    MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]

ROOT_URLCONF = "memorandum_portal.urls"
WSGI_APPLICATION = "memorandum_portal.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]
# Django's form renderer with select boxes written in Python (core/form_rendering.py).
FORM_RENDERER = "core.form_rendering.PortalFormRenderer"

# --- Database -----------------------------------------------------------------------------------
# Without DATABASE_URL the portal runs on a SQLite file so that it can be tried without services;
# tests and production set a Postgres URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Persistent connections, checked before reuse so that a dropped connection fails one request only.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles plans of costly queries; for the portal's short queries the
    # compilation costs more than it saves (60-90 ms on partner suggestions, make bench).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Statements run on every request of a kind (API list pages) are prepared on the connection
# that has run them before (core/prepared_statements.py); off behind a pooler in transaction mode
# that drops a session's prepared statements.
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)

# --- Cache and Celery (Redis) -------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                # A Redis outage degrades to cache misses instead of failing pages and the API.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
            "KEY_PREFIX": "memorandum",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered API lists and anonymous public pages are kept in the cache under the version of the
# data they show (core/response_cache.py): a change is seen at once; the time only bounds how
# long an orphaned entry takes room, and how late "upcoming" lists drop a meeting that began.
RESPONSE_CACHE_SECONDS = env.int("RESPONSE_CACHE_SECONDS", default=300)
RESPONSE_CACHE_MAX_BYTES = env.int("RESPONSE_CACHE_MAX_BYTES", default=2 * 1024 * 1024)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# A task that hangs is stopped: soft limit raises inside the task, hard limit kills the process.
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
# Acknowledge after the task ran, and re-queue it if the worker process dies, so that no work is
# lost; the tasks are written to be safe to repeat (the database row says what is done).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that enqueues while Redis is down waits at most this long (see core.tasks).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
# Without Redis (make run) tasks run in the web process when they are enqueued.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- E-mail -------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# A mail server that stops answering must not hold a reminder sweep forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Memorandum portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Authentication -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    # Counts failed logins (admin and API token) and refuses them during a lockout.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed attempts for one username from one address lock that pair out for 15 minutes;
# not a permanent ban, and never the address alone (colleagues share an office's address).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
# Behind a load balancer the client's address is in X-Forwarded-For (see production.py).
AXES_IPWARE_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# --- Internationalisation -----------------------------------------------------------------------
# Russian is the working language of both parties; Kyrgyz and English are full translations.
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", _("Russian")),
    ("ky", _("Kyrgyz")),
    ("en", _("English")),
]
# The project's own catalogs first; then Kyrgyz for libraries that ship none (DRF's messages,
# django-filter, simple-history, celery-beat), kept apart so makemessages leaves them alone.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
USE_TZ = True
# Numbers as each language writes them (1 012 500 in Russian and Kyrgyz, 1,012,500 in English).
USE_THOUSAND_SEPARATOR = True
# Bishkek is where the Agency sits; every datetime is stored in UTC and shown in a zone.
TIME_ZONE = env("TIME_ZONE", default="Asia/Bishkek")

MODELTRANSLATION_DEFAULT_LANGUAGE = "ru"
MODELTRANSLATION_LANGUAGES = ("ru", "ky", "en")
# An untranslated Kyrgyz or English field shows the Russian text rather than nothing.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ru",)
# The tabbed admin loads jQuery UI from the project's static files, never from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static and media files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded documents and emblems: anything larger is refused with a message, not stored.
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- REST API -----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "core.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.PortalPermission"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PortalPagination",
    # DRF's JSON renderer that also sends list pages PostgreSQL wrote (core.api.json_rows).
    "DEFAULT_RENDERER_CLASSES": [
        "core.api.renderers.PortalJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # DRF's negotiation, its answer kept per renderers, format and Accept header.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.PortalContentNegotiation",
    "DEFAULT_FILTER_BACKENDS": [
        # django-filter, its filtersets from filterset_fields built once (core/api/filters.py).
        "core.api.filters.PortalFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    # Counted atomically in the shared cache (Redis), one round trip a request, so the limits
    # hold across all web processes (core/api/throttling.py says why not DRF's own throttles).
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttling.AnonRateThrottle",
        "core.api.throttling.TokenRateThrottle",
    ],
    # Clients are told apart by REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies by the
    # address those proxies put in X-Forwarded-For; never by a header the client writes itself.
    "NUM_PROXIES": env.int("TRUSTED_PROXY_COUNT", default=0),
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/minute"),
        "user": env("API_THROTTLE_USER", default="1200/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.portal_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# API list pages in JSON are written by PostgreSQL, field for field what the serializers write
# (core.api.json_rows); off: DRF serializes every list (and SQLite always does).
API_LISTS_IN_DATABASE = env.bool("API_LISTS_IN_DATABASE", default=True)
SPECTACULAR_SETTINGS = {
    "TITLE": "Memorandum portal API",
    "DESCRIPTION": (
        "Registry of cooperation between the municipalities of Kyrgyzstan and Russia under the "
        "2017 Memorandum: municipalities, partnerships, projects, events, exchanges, best "
        "practices and partner requests. Anonymous clients read public records; writes need "
        "`Authorization: Token <key>` of a coordinator or of a municipality editor (own "
        "municipalities only). Translated fields come as `name` (in the language of `?lang=` or "
        "Accept-Language) and `name_ru`, `name_ky`, `name_en`. Lists and details carry ETag and "
        "Last-Modified; send If-None-Match / If-Modified-Since for 304, and If-Match on updates "
        "(412 when the record changed)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Stable, readable names for the enums partner systems generate code from.
    "ENUM_NAME_OVERRIDES": {
        "MemorandumStatusEnum": "partnerships.choices.MemorandumStatus",
        "PartnershipStatusEnum": "partnerships.choices.PartnershipStatus",
        "ProjectStatusEnum": "partnerships.choices.ProjectStatus",
        "EventStatusEnum": "events.choices.EventStatus",
        "AttendanceEnum": "events.choices.Attendance",
        "PartnerRequestStatusEnum": "exchanges.choices.PartnerRequestStatus",
    },
}

# Webhooks to partner systems: timeout of one attempt; retries after 1, 2, 4 ... minutes.
WEBHOOK_TIMEOUT_SECONDS = env.int("WEBHOOK_TIMEOUT_SECONDS", default=10)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=10)
WEBHOOK_RETRY_BASE_SECONDS = env.int("WEBHOOK_RETRY_BASE_SECONDS", default=60)

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# --- Portal -------------------------------------------------------------------------------------
# Map tiles of the public map; the map's markers and lines come from the portal itself, so the
# page works (without a background) where this server cannot be reached.
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
# Where the portal is reached; used in links inside e-mails and calendar entries.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The domain part of iCalendar UIDs: it must never change once calendars have imported events.
PORTAL_DOMAIN = env("PORTAL_DOMAIN", default="memorandum-portal.local")

# A partnership is "active" while it had an event, exchange or project in this many months.
PARTNERSHIP_ACTIVE_WINDOW_MONTHS = env.int("PARTNERSHIP_ACTIVE_WINDOW_MONTHS", default=24)
# Partner suggestions shown for a municipality or a request.
PARTNER_SUGGESTIONS_LIMIT = 10

# Meeting reminders: minutes before the start (7 days, 1 day, 2 hours); an event may override.
EVENT_REMINDER_OFFSETS = env.list("EVENT_REMINDER_OFFSETS", cast=int, default=[10080, 1440, 120])
# An event's own reminder times may reach this far ahead (minutes; 60 days).
EVENT_REMINDER_MAX_OFFSET = 60 * 24 * 60
# Open resolutions: their contact is reminded this many days before the due date, and once after.
RESOLUTION_REMINDER_DAYS = env.list("RESOLUTION_REMINDER_DAYS", cast=int, default=[7, 1])
# A failed send is retried after 1, 2, 4, ... minutes (capped at an hour), this many times.
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=6)
REMINDER_RETRY_BASE_SECONDS = env.int("REMINDER_RETRY_BASE_SECONDS", default=60)
# A sweep claims this many due rows at a time; if its worker dies, the rows it had not sent yet
# are taken over by other sweeps after the lease (shorter than the 2-hour reminder, so none is
# late for its meeting).
REMINDER_CLAIM_BATCH = env.int("REMINDER_CLAIM_BATCH", default=100)
REMINDER_CLAIM_LEASE_SECONDS = env.int("REMINDER_CLAIM_LEASE_SECONDS", default=120)

# A coordinator login for `make run`; production creates staff through createsuperuser/admin.
PORTAL_COORDINATOR_USERNAME = env("PORTAL_COORDINATOR_USERNAME", default="coordinator")
PORTAL_COORDINATOR_PASSWORD = env("PORTAL_COORDINATOR_PASSWORD", default="")
