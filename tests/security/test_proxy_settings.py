"""The login throttle's client address behind a proxy comes from ANNALS_PROXY_COUNT and
ANNALS_TRUSTED_PROXIES; without them X-Forwarded-For is never believed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory, override_settings

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.AXES_IPWARE_PROXY_COUNT, s.AXES_IPWARE_PROXY_TRUSTED_IPS, "
    "list(s.AXES_IPWARE_META_PRECEDENCE_ORDER)]))"
)


def settings_with(**env):
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1", **env}
    out = subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=environ, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_proxy_settings_come_from_the_environment():
    assert settings_with() == [None, None, ["REMOTE_ADDR"]]
    assert settings_with(ANNALS_PROXY_COUNT="1") == [0, None, ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]]
    assert settings_with(ANNALS_PROXY_COUNT="2")[0] == 1
    count, trusted, _order = settings_with(ANNALS_TRUSTED_PROXIES="198.51.100.7, 198.51.100.8")
    assert (count, trusted) == (None, ["198.51.100.7", "198.51.100.8"])


def client_address(forwarded, **axes):
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(**{f"AXES_IPWARE_{key.upper()}": value for key, value in axes.items()}):
        return get_client_ip_address(request)


BEHIND = {"meta_precedence_order": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"), "proxy_order": "left-most"}


def test_without_proxy_settings_a_forwarded_header_is_never_believed():
    assert client_address("203.0.113.9", meta_precedence_order=("REMOTE_ADDR",)) == "10.0.0.2"


@pytest.mark.parametrize(
    "forwarded, axes, seen",
    [
        ("203.0.113.9", {"proxy_count": 0}, "203.0.113.9"),  # one nginx: it appended the client
        ("198.51.100.1, 203.0.113.9", {"proxy_count": 0}, "10.0.0.2"),  # a forged entry: not believed
        ("203.0.113.9, 198.51.100.7", {"proxy_count": 1}, "203.0.113.9"),  # a CDN, then nginx
        ("203.0.113.9, 198.51.100.7", {"proxy_trusted_ips": ["198.51.100.7"]}, "203.0.113.9"),
        # An untrusted hop: no address is believed, so such requests never share an editor's count.
        ("203.0.113.9, 192.0.2.66", {"proxy_trusted_ips": ["198.51.100.7"]}, None),
    ],
)
def test_behind_the_configured_proxies_the_throttle_sees_the_client(forwarded, axes, seen):
    assert client_address(forwarded, **BEHIND, **axes) == seen
