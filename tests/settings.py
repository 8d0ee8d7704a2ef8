"""Test settings: the project's settings with a test environment.

Only environment defaults live here, so the suite exercises config/settings.py itself.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
os.environ.setdefault("DJANGO_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
# Pages render afresh in tests (query counts stay honest); tests of the page cache turn it on.
os.environ.setdefault("ANNALS_PAGE_CACHE_SECONDS", "0")
os.environ.setdefault("ANNALS_CONTENT_VERSION_TTL", "0")
if os.environ.get("TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["TEST_DATABASE_URL"]

from config.settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast test logins

# Engineers sharing one PostgreSQL server each test in their own database.
if os.environ.get("DJANGO_TEST_DB_SUFFIX"):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_annals_{os.environ['DJANGO_TEST_DB_SUFFIX']}"  # noqa: F405

# Ordinary tests run jobs in the request (ImmediateBackend); the job and fault tests use the real
# database backend ("db") and a real worker process (tests/jobs, tests/faults).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "db": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
