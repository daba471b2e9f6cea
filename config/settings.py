"""One settings module, driven by the environment, with safe local defaults.

Local mode (no DJANGO_DEBUG): SQLite, a throwaway secret key, localhost only, DEBUG off.
Production mode (DJANGO_DEBUG=0): the secret key and allowed hosts must come from the environment.
Debug mode (DJANGO_DEBUG=1): DEBUG on, for development only.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG_SETTING = os.environ.get("DJANGO_DEBUG")
if DEBUG_SETTING not in (None, "", "0", "1"):
    # "false" or "yes" would otherwise fall back to local mode without a word.
    raise ImproperlyConfigured(
        f"DJANGO_DEBUG must be 0 (production), 1 (debug) or unset (local), not {DEBUG_SETTING!r}"
    )
DEBUG = DEBUG_SETTING == "1"
PRODUCTION = DEBUG_SETTING == "0"

if PRODUCTION:
    missing = [
        name for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS") if not os.environ.get(name)
    ]
    if missing:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG=0 (production) needs these environment variables: "
            + ", ".join(missing)
            + " (DJANGO_SECRET_KEY: 50+ random characters, e.g. from"
            " `python -c 'import secrets; print(secrets.token_urlsafe(50))'`;"
            " DJANGO_ALLOWED_HOSTS: the site's host names, comma-separated)"
        )
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
else:
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "local-only-insecure-key-do-not-use-in-production"
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "django_countries",
    "catalog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "catalog.web.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the CSP middleware: a 304 must not carry a fresh nonce (see the middleware).
    "catalog.web.middleware.HttpCachingMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Oversized requests get a 400 here, before routing, views or the database.
    "catalog.web.middleware.RequestGuardMiddleware",
    # Database errors anywhere below become a friendly 503.
    "catalog.web.middleware.DatabaseUnavailableMiddleware",
    # Sessions, users and messages serve the admin only, and run only under /admin/
    # (catalog.web.admin_only): public pages never touch them, so they set no cookie. CSRF stays
    # Django's own everywhere (check --deploy asks for it); on a GET it only reads a cookie.
    "catalog.web.admin_only.AdminSessionMiddleware",
    "catalog.web.locale.PathLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "catalog.web.admin_only.AdminAuthenticationMiddleware",
    "catalog.web.admin_only.AdminMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Our templates (templates/) are Jinja2 (catalog.web.templating); Django's own apps (the admin,
# the sitemap) bring theirs in the Django template language.
TEMPLATES = [
    {
        "BACKEND": "catalog.web.templating.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "catalog.web.templating.environment",
            "context_processors": [
                "catalog.web.templating.language_code",
                "django.template.context_processors.csp",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A connection broken by a database restart is replaced at the next request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the server is unreachable or stuck: a quick 503 beats a hung worker.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")),
            "options": "-c statement_timeout="
            + os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "10000"),
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging: pages go on reading while load_content or the admin writes (SQLite's
    # default journal locks readers out of a write), and the content revision each request reads
    # takes three system calls instead of eight. The mode is kept in the database file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr")
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic (production) gathers hashed, compressed files here; locally they come from finders.
STATIC_ROOT = BASE_DIR / "staticfiles" if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, serve static files straight from the app folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_MAX_AGE = 31536000 if PRODUCTION else 60

# Security headers. CSP: our own origin only, scripts need the per-request nonce, no inline styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Cache-Control max-age for public pages (HTML and JSON that depend only on their URL).
HTTP_CACHE_MAX_AGE = int(os.environ.get("HTTP_CACHE_MAX_AGE", "300"))
# Off outside production, so edits and tests always see fresh pages.
if PRODUCTION:
    # DJANGO_SECURE_SSL_REDIRECT=0 for plain http on loopback (the benchmark, local checks).
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    # Load balancers probe over plain http.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No log line holds a visitor's answers: result codes (/r/<code>/) and query strings are masked
# (config/private_logs.py) in Django's request warnings ("Not Found: /en/r/…/"), runserver's
# request lines, and anything else written to stdout. gunicorn's access log: config/gunicorn.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private_paths": {"()": "config.private_logs.PrivatePaths"}},
    "formatters": {
        "django.server": {  # as Django's default
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["private_paths"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["private_paths"],
        },
    },
    "loggers": {
        # On the loggers too, so that Django's own handlers (its DEBUG console) see masked text.
        "django.request": {"filters": ["private_paths"]},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["private_paths"],
        },
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
