"""The cache server stops (a private redis-server, killed): public pages are still served, from
the database, uncached and identical, never a 500; /healthz reports the cache."""

import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from pagecache.middleware import HIT_HEADER
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not shutil.which("redis-server"), reason="needs redis-server (apt-get install redis-server)"
    ),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def private_redis(tmp_path):
    """Start a redis-server of this test's own on a free port; yield (process, url)."""
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.exceptions.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.skip(f"redis-server did not start on port {port}")
            time.sleep(0.1)
    yield process, f"redis://127.0.0.1:{port}/0"
    if process.poll() is None:
        process.kill()
    process.wait(10)


def test_pages_are_served_uncached_after_the_cache_server_is_killed(client, private_redis, settings):
    process, url = private_redis
    settings.ANNALS_PAGE_CACHE_SECONDS = 60
    article = factories.article()
    page = article.get_absolute_url()
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "annals-fault-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=shared):
        first = client.get(page)
        again = client.get(page)
        assert first.status_code == again.status_code == 200
        assert again.get(HIT_HEADER) == "hit" and again.content == first.content  # Redis served it
        assert client.get("/healthz").status_code == 200

        process.send_signal(signal.SIGKILL)
        process.wait(10)
        with pytest.raises(redis.exceptions.ConnectionError):
            caches["default"].get("anything")  # the cache server really is gone
        for _ in range(3):
            down = client.get(page)
            assert down.status_code == 200 and not down.has_header(HIT_HEADER)
            assert down.content == first.content
        health = client.get("/healthz")
        assert health.status_code == 500 and "Cache" in health.content.decode()
        assert client.get("/healthz?format=json").json()["Database(alias='default')"] == "OK"
