"""The page cache on Redis: two server processes share pages, and a cache that is down costs
only the cache, never the page."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from pagecache.middleware import HIT_HEADER

ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)


def redis_client():
    return redis.Redis(host=REDIS[0], port=REDIS[1], socket_connect_timeout=0.5)


def redis_answers():
    try:
        return redis_client().ping()
    except Exception:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server_env(tmp_path):
    """Return the environment of a development server on a demo archive of its own, with a key
    prefix of its own in Redis; remove that prefix's keys afterwards."""
    prefix = f"annals-test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'annals.sqlite3'}",
        "ANNALS_VAR_DIR": str(tmp_path),
        "REDIS_URL": f"redis://{REDIS[0]}:{REDIS[1]}/0",
        "ANNALS_CACHE_PREFIX": prefix,
        "ANNALS_PAGE_CACHE_SECONDS": "60",
    }
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run([sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)
    yield env
    client = redis_client()
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def start_server(env):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"the server on port {port} did not answer within 30 s")


def get(base, path):
    # Behind a load balancer every server sees the site's one host name (a part of the key).
    request = urllib.request.Request(f"{base}{path}", headers={"Host": "localhost"})
    return urllib.request.urlopen(request, timeout=10)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.mark.skipif(not redis_answers(), reason="no Redis answering on 127.0.0.1:6379")
def test_two_server_processes_share_cached_pages_through_redis(server_env):
    first, a = start_server(server_env)
    try:
        second, b = start_server(server_env)
        try:
            people = json.load(get(a, "/people.json"))
            person = urlsplit(people["results"][0]["url"]).path
            on_a, on_b = get(a, person), get(b, person)
            assert on_a.status == 200 and on_a.headers.get(HIT_HEADER) is None
            assert on_b.status == 200 and on_b.headers.get(HIT_HEADER) == "hit"
            assert on_b.read() == on_a.read()
        finally:
            stop(second)
    finally:
        stop(first)


@pytest.mark.django_db
def test_public_pages_are_served_uncached_when_the_cache_server_is_down(client, world, settings):
    urls = world.urls()
    expected = {url: client.get(url).content for url in urls}
    down = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "KEY_PREFIX": settings.ANNALS_CACHE_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=down):
        with pytest.raises(redis.exceptions.ConnectionError):
            caches["default"].get("anything")  # the cache really is unreachable
        for url in urls:
            for _ in range(2):
                response = client.get(url)
                assert response.status_code == 200, url
                assert not response.has_header(HIT_HEADER) and response.content == expected[url]
