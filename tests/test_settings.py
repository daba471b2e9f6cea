"""config/settings.py: production mode refuses to start half-configured, and passes --deploy.

Settings are read once per process, so each case runs Python in a subprocess with its own
environment.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "example.org",
}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run a Python command with exactly the given DJANGO_* and DATABASE_* variables."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return run(["-c", code], **env)


CHECK_DEPLOY = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]


SETTINGS_AS_JSON = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "SECRET_KEY": settings.SECRET_KEY,
    "ENGINE": db["ENGINE"],
    "OPTIONS": db.get("OPTIONS", {}),
    "CONN_HEALTH_CHECKS": db["CONN_HEALTH_CHECKS"],
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "STATICFILES_BACKEND": settings.STORAGES["staticfiles"]["BACKEND"],
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
}))
"""


def settings_under(**env: str) -> dict:
    result = run_python(SETTINGS_AS_JSON, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_mode_without_a_required_variable_stops_with_a_message_naming_it(missing):
    env = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = run_python("import django; django.setup()", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"needs these environment variables: {missing}" in result.stderr


def test_production_mode_with_both_variables_empty_names_both():
    result = run_python(
        "import django; django.setup()",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="",
        DJANGO_ALLOWED_HOSTS="",
    )
    assert "DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS" in result.stderr


def test_an_unrecognised_debug_value_is_refused_rather_than_read_as_local_mode():
    result = run_python("import django; django.setup()", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be 0 (production), 1 (debug) or unset" in result.stderr


def test_local_mode_is_not_debug_and_serves_localhost_only():
    local = settings_under()
    assert local["DEBUG"] is False
    assert set(local["ALLOWED_HOSTS"]) >= {"localhost", "127.0.0.1"}
    assert "example.org" not in local["ALLOWED_HOSTS"]
    assert local["SECURE_SSL_REDIRECT"] is False
    assert local["ENGINE"] == "django.db.backends.sqlite3"


def test_debug_mode_turns_debug_on():
    assert settings_under(DJANGO_DEBUG="1")["DEBUG"] is True


def test_production_mode_takes_key_and_hosts_from_the_environment_and_redirects_to_https():
    production = settings_under(
        **{**PRODUCTION, "DJANGO_ALLOWED_HOSTS": "example.org, www.example.org"}
    )
    assert production["DEBUG"] is False
    assert production["SECRET_KEY"] == PRODUCTION["DJANGO_SECRET_KEY"]
    assert production["ALLOWED_HOSTS"] == ["example.org", "www.example.org"]
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["STATICFILES_BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_the_https_redirect_can_be_turned_off_for_plain_http_on_loopback():
    assert (
        settings_under(**PRODUCTION, DJANGO_SECURE_SSL_REDIRECT="0")["SECURE_SSL_REDIRECT"] is False
    )


def test_postgresql_from_database_url_fails_fast_and_checks_connection_health():
    db = settings_under(DATABASE_URL="postgres://app:secret@db.internal:5432/app")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["OPTIONS"]["connect_timeout"] == 3
    assert "statement_timeout" in db["OPTIONS"]["options"]
    assert db["CONN_HEALTH_CHECKS"] is True


def test_check_deploy_passes_in_production_mode():
    result = run(CHECK_DEPLOY, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_catches_a_weak_secret_key():
    """The same command fails on a real problem, so the test above can fail."""
    result = run(CHECK_DEPLOY, **{**PRODUCTION, "DJANGO_SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout
