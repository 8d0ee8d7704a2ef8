"""Settings for Annals, read from environment variables.

Production-safe by default: DEBUG is off unless DJANGO_DEBUG says otherwise, and a
secret key must be supplied when it is. See README.md, "Configuration".
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ANNALS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    """Return the boolean value of an environment variable ("1", "true", "yes", "on")."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Return a comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
# A development key only with DJANGO_DEBUG on; a production server refuses to start without one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for development).")
    SECRET_KEY = "django-insecure-annals-development-key"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "corsheaders",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "people",
    "archive",
    "reading",
    "workbench",
    "pagecache",
    # Background jobs (README, "Running jobs"): django-tasks with its database backend.
    "django_tasks",
    "django_tasks_db",
    "jobs",
    "health_check",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Open data: Access-Control-Allow-Origin on the public JSON only (CORS_URLS_REGEX below).
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 400 for a NUL in any query parameter, before a view or the page cache sees it.
    "core.middleware.RejectNulQueryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # ETag on every GET and 304 for a matching If-None-Match, cached pages included.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Public pages from the cache while the content version stands (pagecache/middleware.py).
    "pagecache.middleware.PublicPageCacheMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed logins; ModelBackend then authenticates as usual.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Public pages are Jinja2 (templates/jinja2/, reading/jinja.py: ten times faster to render a
# page of citations); the admin, the workbench and the jobs pages are Django templates. Jinja2
# comes first: a page name it does not hold falls through to Django's engine.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "reading.jinja.environment"},
    },
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
            ],
        },
    },
]

# SQLite under var/ by default; PostgreSQL (the production engine) via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'annals.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # var/ is versioned (var/.gitkeep): SQLite will not create the folder, and settings never write.
    # WAL lets readers carry on while an editor imports; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    # Connections persist here too (DJANGO_CONN_MAX_AGE): opening one and setting WAL costs ~3 ms
    # a request, ten times what a cached public page costs.
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No parallel workers for a web request's queries (DJANGO_PG_OPTIONS to change it): a page's
    # queries read a few dozen rows, and starting workers (Gather) cost more than the query —
    # the busiest person's mentions took 14 ms with two workers and 7 ms without, and on two
    # cores the workers only take CPU from the other requests. The public pages' prepared queries
    # (core/prepared.py) are planned once, without their values: left to choose, PostgreSQL kept
    # planning the career page's event participants and organisations afresh on every run, since a
    # plan for the values looked cheaper (1.3 and 1.6 ms a query, against 0.4 and 0.5 ms). Only
    # those queries are prepared; every other query of Django's arrives with its values.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = os.environ.get(
        "DJANGO_PG_OPTIONS", "-c max_parallel_workers_per_gather=0 -c plan_cache_mode=force_generic_plan"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered public pages (pagecache/), keyed by the content version publishing moves: in this
# process's memory by default, in Redis when REDIS_URL is set, so several servers share one cache.
# Memory is bounded by entries x largest page kept: 1000 x 256 KiB = 256 MiB at most per process
# (the demo's longest article page is 88 KB); a larger page is served, just not kept.
REDIS_URL = os.environ.get("REDIS_URL", "")
ANNALS_CACHE_PREFIX = os.environ.get("ANNALS_CACHE_PREFIX", "annals")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": ANNALS_CACHE_PREFIX,
            # A cache server that hangs must cost a page a moment, not a request timeout.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": ANNALS_CACHE_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("ANNALS_PAGE_CACHE_ENTRIES", "1000"))},
        }
    }
ANNALS_PAGE_CACHE = "default"
ANNALS_PAGE_CACHE_SECONDS = int(os.environ.get("ANNALS_PAGE_CACHE_SECONDS", "3600"))  # 0: off
ANNALS_PAGE_CACHE_MAX_BYTES = int(os.environ.get("ANNALS_PAGE_CACHE_MAX_BYTES", str(256 * 1024)))
# How long a CDN or reverse proxy may keep a public page (seconds; five times that stale).
ANNALS_PUBLIC_MAX_AGE = int(os.environ.get("ANNALS_PUBLIC_MAX_AGE", "60"))
# How long a worker trusts the content version it last read (another worker's publishing shows
# after at most this long; the worker that publishes sees it at once). 0 reads it every request.
ANNALS_CONTENT_VERSION_TTL = float(os.environ.get("ANNALS_CONTENT_VERSION_TTL", "1.0"))
# How long readers of a page being rendered wait for that render instead of rendering it too
# (seconds; pagecache/flight.py). 0: every reader renders.
ANNALS_PAGE_RENDER_WAIT = float(os.environ.get("ANNALS_PAGE_RENDER_WAIT", "3.0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

LOGIN_URL = "admin:login"
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

# Uploads: a clear limit, enforced again by the import forms with a readable message.
ANNALS_MAX_UPLOAD_BYTES = int(os.environ.get("ANNALS_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = ANNALS_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Sources fetched from a URL (textkit.fetch): private, loopback and link-local addresses are refused
# unless allowed (intranet archives, tests); a fetch takes at most the timeout in all.
ANNALS_FETCH_ALLOW_PRIVATE = env_bool("ANNALS_FETCH_ALLOW_PRIVATE")
ANNALS_FETCH_TIMEOUT = float(os.environ.get("ANNALS_FETCH_TIMEOUT", "20"))

# django-import-export keeps an upload between its preview and "Confirm import" in a private
# folder (never served), one subfolder per session; confirm, cancel or a day's age removes it,
# and a confirm names only a file of its own session (core/uploads.py).
IMPORT_EXPORT_TMP_STORAGE_CLASS = "core.uploads.SessionUploadStorage"
ANNALS_UPLOADS_DIR = Path(os.environ.get("ANNALS_UPLOADS_DIR", VAR_DIR / "uploads"))
ANNALS_UPLOAD_MAX_AGE_SECONDS = int(os.environ.get("ANNALS_UPLOAD_MAX_AGE_SECONDS", str(24 * 3600)))

# django-import-export: only holders of import_<model> / export_<model> may use it.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = True
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True

# Production hardening. Django redirects HTTP to HTTPS itself unless the operator declares that
# the reverse proxy does it (DJANGO_PROXY_SSL_REDIRECT=1); only then is security.W008 silenced.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
PROXY_SSL_REDIRECT = env_bool("DJANGO_PROXY_SSL_REDIRECT", False)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG and not PROXY_SSL_REDIRECT)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SILENCED_SYSTEM_CHECKS = []
if PROXY_SSL_REDIRECT and not SECURE_SSL_REDIRECT:
    SILENCED_SYSTEM_CHECKS.append("security.W008")
if "DJANGO_HSTS_PRELOAD" in os.environ and not SECURE_HSTS_PRELOAD:
    # An operator who opts out of the browsers' preload list on purpose has answered W021.
    SILENCED_SYSTEM_CHECKS.append("security.W021")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response: scripts only from our own static files (no inline
# code, no eval); inline style attributes stay allowed because the admin's widgets set them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Throttled logins: after AXES_FAILURE_LIMIT failures for one user name from one address, that
# pair waits AXES_COOLOFF_TIME (a combination, so nobody can lock an editor out from elsewhere).
AXES_FAILURE_LIMIT = int(os.environ.get("ANNALS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ANNALS_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Lockouts are listed and lifted with `manage.py axes_list_attempts` / `axes_reset_username NAME`.
# Not in the admin: its "clean up expired attempts" action fails with an AttributeError
# (jazzband/django-axes#1424), and editors have no business there.
AXES_ENABLE_ADMIN = False

# Behind a reverse proxy every request comes from the proxy's address: the login throttle (user
# name + address) must read the client's address from X-Forwarded-For, or one visitor's failures
# lock an editor out for everybody. ANNALS_PROXY_COUNT is the number of reverse proxies in front
# of Django (0: none, REMOTE_ADDR is the client; 1: one nginx, which appends the client to
# X-Forwarded-For; 2: a CDN before it...). ANNALS_TRUSTED_PROXIES, instead, lists the addresses
# (or prefixes) of the proxies that appear in X-Forwarded-For (all but the nearest one, whose
# address is REMOTE_ADDR). A header that does not match is not believed (REMOTE_ADDR is used).
# Read with django-ipware; Django must be reachable only through the proxies.
ANNALS_PROXY_COUNT = int(os.environ.get("ANNALS_PROXY_COUNT", "0"))
ANNALS_TRUSTED_PROXIES = env_list("ANNALS_TRUSTED_PROXIES")
if ANNALS_PROXY_COUNT or ANNALS_TRUSTED_PROXIES:
    # ipware counts the proxies listed in the header: all but the nearest one.
    AXES_IPWARE_PROXY_COUNT = ANNALS_PROXY_COUNT - 1 if ANNALS_PROXY_COUNT else None
    AXES_IPWARE_PROXY_TRUSTED_IPS = ANNALS_TRUSTED_PROXIES or None
    AXES_IPWARE_PROXY_ORDER = "left-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    # No proxy: the address of the connection, never a header a visitor can write.
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# Background jobs (README, "Running jobs"): long imports, proposal runs and backups are queued in
# the database and run by `manage.py jobs_worker` (one beside the server in `make run`; any number
# on any number of machines with PostgreSQL). Tests use ImmediateBackend (tests/settings.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
ANNALS_JOBS_BACKEND = "default"
ANNALS_JOBS_START = "jobs.services.job_start"  # core/background.py hands jobs over through it
ANNALS_JOBS_DIR = Path(os.environ.get("ANNALS_JOBS_DIR", VAR_DIR / "jobs"))  # input files, private
# A running job writes its progress and heartbeat every BEAT seconds; a worker re-queues a job of
# a dead worker every RECOVER seconds (at once on its own machine: the process is gone; from
# another machine once the heartbeat is older than LEASE seconds).
ANNALS_JOB_BEAT_SECONDS = float(os.environ.get("ANNALS_JOB_BEAT_SECONDS", "1"))
ANNALS_JOB_RECOVER_SECONDS = float(os.environ.get("ANNALS_JOB_RECOVER_SECONDS", "30"))
ANNALS_JOB_LEASE_SECONDS = float(os.environ.get("ANNALS_JOB_LEASE_SECONDS", "120"))
# Fault tests only: seconds to wait after each step of a job, so a test can kill it mid-job.
ANNALS_JOB_STEP_DELAY = float(os.environ.get("ANNALS_JOB_STEP_DELAY", "0"))
# /healthz (django-health-check): database, cache, and the queue (jobs/health.py) is unhealthy
# when a job has waited longer than this for a worker.
ANNALS_QUEUE_MAX_WAIT_SECONDS = int(os.environ.get("ANNALS_QUEUE_MAX_WAIT_SECONDS", "600"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Open data (README, "Open data"): any site's scripts may read the public JSON, TEI and
# QuickStatements with a GET; never the admin, the workbench or an HTML page. No credentials.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_URLS_REGEX = (
    r"^/(?:(?:people|events|articles|organizations|search)(?:/[-\w]+)?\.json"
    r"|articles/[-\w]+/(?:annotations\.jsonld|tei\.xml)"
    r"|people/[-\w]+/quickstatements\.txt|annotations/\d+|api/openapi\.json)$"
)
