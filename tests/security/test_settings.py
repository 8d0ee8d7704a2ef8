"""Production settings: check --deploy, the Content-Security-Policy, throttled logins, admin path."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "archive.example.org"}


def run_python(*args, **env):
    """Run Python in the project in a fresh process with only the given Django variables set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ANNALS_"))}
    clean.update({"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), **env})
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def check_deploy(**env):
    return run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, **env})


def test_check_deploy_is_clean_with_production_variables():
    result = check_deploy()
    assert result.returncode == 0, result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_a_production_server_refuses_to_start_without_a_secret_key():
    result = check_deploy(DJANGO_SECRET_KEY="")
    assert result.returncode != 0 and "Set DJANGO_SECRET_KEY" in result.stderr


def test_turning_the_ssl_redirect_off_without_a_proxy_is_reported():
    result = check_deploy(DJANGO_SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0 and "security.W008" in result.stderr


def test_a_declared_proxy_redirect_silences_only_w008():
    result = check_deploy(DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_PROXY_SSL_REDIRECT="1")
    assert result.returncode == 0, result.stderr
    assert "no issues (1 silenced)" in result.stdout


def test_debug_mode_is_not_deployable():
    result = check_deploy(DJANGO_DEBUG="1")
    assert result.returncode != 0 and "security.W018" in result.stderr


def test_admin_path_follows_the_environment():
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'), reverse('admin:login'))"
    result = run_python(
        "-c", code, DJANGO_SETTINGS_MODULE="config.settings", DJANGO_ADMIN_PATH="/backroom/editors/"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/backroom/editors/", "/backroom/editors/login/"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/articles/", "/people/", "/events/", "/admin/login/", "/no-such-page/"]
)
def test_every_page_carries_a_strict_content_security_policy(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_admin_pages_carry_the_policy_and_other_security_headers(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:archive_annotation_changelist"))
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def post_login(client, username, password):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": reverse("admin:index")}
    )


@pytest.mark.django_db
def test_repeated_failed_logins_lock_that_user_out(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_login(client, "ed", "wrong").status_code == 200
    locked = post_login(client, "ed", "wrong")
    assert locked.status_code == 429
    assert post_login(client, "ed", "pw-ed").status_code == 429, "the right password must wait out the pause"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_lockout_does_not_touch_other_users(client, editor, reviewer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "ed", "wrong")
    response = post_login(client, "rev", "pw-rev")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(reviewer.pk)


@pytest.mark.django_db
def test_a_successful_login_resets_the_failure_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "ed", "wrong")
    assert post_login(client, "ed", "pw-ed").status_code == 302
    client.logout()
    assert post_login(client, "ed", "wrong").status_code == 200


@pytest.mark.django_db
def test_force_login_still_works_with_axes(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 200
