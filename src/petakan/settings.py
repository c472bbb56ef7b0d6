"""Django settings for Petakan, read from environment variables (see README, "Configuration")."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from petakan.env import envbool, envlist, envpath, parse_database_url

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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
]

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

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
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
# Failed logins allowed per username and per client address in the window before login is refused.
LOGIN_THROTTLE_FAILURES = 5
LOGIN_THROTTLE_WINDOW_SECONDS = 15 * 60

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end libraries come from the npm registry (package.json); only their distributed files are served.
NPM_DIST = {"leaflet": "leaflet/dist", "echarts": "echarts/dist", "htmx": "htmx.org/dist", "idb": "idb/build"}
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
if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

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
