"""Django settings for Petakan, read from environment variables (see README, "Configuration")."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from petakan.env import envbool, envheader, envint, envlist, envpath, parse_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
# The checkout (src/petakan/ -> repository root); var/ and node_modules/ live there in development.
ROOT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = envpath("PETAKAN_VAR_DIR") or ROOT_DIR / "var"

# DEBUG defaults to on so that a checkout runs as a demo; a deployment sets DEBUG=false and then must set
# SECRET_KEY and ALLOWED_HOSTS itself.
DEBUG = envbool("DEBUG", True)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Demo: generate once and keep it, so sessions survive a restart.
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

# Where the reference data lives (Kemendagri codes, BPS boundaries...). The Makefile points it at the shared
# data folder beside the checkout.
PETAKAN_DATA_DIR = envpath("PETAKAN_DATA_DIR")
NODE_MODULES_DIR = envpath("PETAKAN_NODE_MODULES") or ROOT_DIR / "node_modules"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "petakan.accounts",
    "petakan.regions",
    "petakan.web",
    "petakan.profiles",
    "petakan.indices",
    "petakan.idm",
    "petakan.economy",
    "petakan.planning",
    "petakan.maps",
    "petakan.opendata",
    "petakan.board",
    "petakan.monitoring",
    "django_tasks",
    "django_tasks_db",
    "petakan.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "petakan.web.csp.ContentSecurityPolicy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "petakan.web.middleware.IndonesianByDefault",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "petakan.accounts.middleware.FirstLoginMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # the site's own error pages also with DEBUG on: the demo never shows Django's technical pages
    "petakan.web.errors.FriendlyErrors",
]
CSRF_FAILURE_VIEW = "petakan.web.errors.csrf_failure"

ROOT_URLCONF = "petakan.urls"
WSGI_APPLICATION = "petakan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "petakan.web.context.site",
            ],
        },
    },
]

DATABASES = {"default": parse_database_url(os.environ.get("DATABASE_URL", "sqlite:///var/petakan.sqlite3"), ROOT_DIR)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Long work (computing a run from the page, committing a profile XLSX) goes through Django's Tasks API into the
# database queue; `petakan worker` runs it (see petakan.jobs.worker). On Django 6 only the BACKEND path changes.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A worker refreshes the heartbeat of the job it runs every PETAKAN_JOB_HEARTBEAT_SECONDS; a running job whose
# heartbeat is older than PETAKAN_JOB_STALE_SECONDS lost its worker and is retried once or marked failed.
PETAKAN_JOB_HEARTBEAT_SECONDS = envint("PETAKAN_JOB_HEARTBEAT_SECONDS", 5, low=1, high=60)
PETAKAN_JOB_STALE_SECONDS = envint("PETAKAN_JOB_STALE_SECONDS", 60, low=10, high=3600)
# A profile XLSX of more villages than this is committed by the worker (a job); smaller ones in the request.
PETAKAN_QUEUE_IMPORT_VILLAGES = envint("PETAKAN_QUEUE_IMPORT_VILLAGES", 50, low=0, high=1_000_000)
# Tests only: seconds a run's job waits after reading the profiles, so that a test can kill its worker mid-job.
# Never set it in a deployment.
PETAKAN_JOB_TEST_DELAY_SECONDS = envint("PETAKAN_JOB_TEST_DELAY_SECONDS", 0, low=0, high=600)

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:my_home"
LOGOUT_REDIRECT_URL = "web:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    # random one-time passwords on slips only; see petakan.accounts.hashers
    "petakan.accounts.hashers.OneTimePasswordHasher",
]
# Login throttling (petakan.accounts.throttle): failures allowed per (username, address) in the window before each
# further attempt waits, the first wait and its cap (the wait doubles with each failure); an address alone gets
# four times as many. Never a lock of an account from every address.
LOGIN_THROTTLE_FAILURES = 5
LOGIN_THROTTLE_WINDOW_SECONDS = 24 * 3600
LOGIN_THROTTLE_BASE_DELAY_SECONDS = 60
LOGIN_THROTTLE_MAX_DELAY_SECONDS = 3600
# Reverse proxies in front of the app servers that append the client address to X-Forwarded-For (0: none, the
# client is REMOTE_ADDR). Login throttling counts failures per client address, so this must be right.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0, low=0, high=5)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end libraries come from the npm registry (package.json); only their distributed files are served.
NPM_DIST = {
    "leaflet": "leaflet/dist",
    "echarts": "echarts/dist",
    "htmx": "htmx.org/dist",
    "swagger-ui": "swagger-ui-dist",  # the API docs page, served from here rather than a CDN (works offline)
    "idb": "idb/build",  # IndexedDB for sections saved offline on the phone
}
# The service worker (profiles/offline.py) loads Workbox's modules from here (workbox-sw's modulePathCb).
WORKBOX_MODULES = ("workbox-sw", "workbox-core", "workbox-routing", "workbox-strategies", "workbox-expiration")
WORKBOX_MODULES += ("workbox-cacheable-response", "workbox-precaching", "workbox-recipes")
NPM_DIST.update({name: f"{name}/build" for name in WORKBOX_MODULES})
STATICFILES_DIRS = [
    (f"npm/{name}", NODE_MODULES_DIR / folder)
    for name, folder in NPM_DIST.items()
    if (NODE_MODULES_DIR / folder).is_dir()
]

# WhiteNoise serves static files in production too (gunicorn petakan.wsgi), straight from the app and npm folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS in production (see README, "Configuration"). Behind a TLS-terminating proxy, SECURE_PROXY_SSL_HEADER names
# the header by which the proxy says the request came over HTTPS; set it only when the proxy always sets or strips
# that header, or a client could claim HTTPS itself.
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
# a load balancer's health check may speak plain HTTP to the app server
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = envheader("SECURE_PROXY_SSL_HEADER")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0, low=0, high=2 * 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)

# Per process: parsed layers and public page fragments, whose keys say which data they were made from (see
# petakan.web.fragments), so no process serves another's stale copy. Room for every village page in two languages.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The largest file each importer accepts, in bytes, on the web and on the command line alike (petakan.uploads). Rows
# and columns are capped by each importer's template and scope, cell texts by PETAKAN_UPLOAD_CELL_CHARS.
PETAKAN_UPLOAD_LIMITS = {
    "profile": 10 * 1024 * 1024,
    "idm": 5 * 1024 * 1024,
    "pdrb": 2 * 1024 * 1024,
    "rpjmd": 5 * 1024 * 1024,
    "codes": 50 * 1024 * 1024,
    "boundaries": 100 * 1024 * 1024,
    # a realisation's evidence (photo, PDF report, XLSX/DOCX), kept in the database: one phone photo or a short report
    "evidence": 5 * 1024 * 1024,
}
PETAKAN_UPLOAD_CELL_CHARS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"petakan": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")}},
}

# The regency this installation serves (Kemendagri code) and the background map tiles. Tiles need the internet;
# without them (PETAKAN_TILE_URL empty, or offline) the map still shows every boundary on a plain background.
PETAKAN_REGENCY_CODE = os.environ.get("PETAKAN_REGENCY_CODE", "33.24")
PETAKAN_TILE_URL = os.environ.get("PETAKAN_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
# The address printed (and QR-coded) on account slips, e.g. https://petakan.kendalkab.go.id/. Empty: the address
# the admin's browser uses, or http://127.0.0.1:8000/ from the command line.
PETAKAN_SITE_URL = os.environ.get("PETAKAN_SITE_URL", "")
