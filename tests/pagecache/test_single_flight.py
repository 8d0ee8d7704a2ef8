"""One render of a page at a time: readers asking for a page being rendered wait for that render,
never for a page older than what they know, and never longer than ANNALS_PAGE_RENDER_WAIT."""

import threading
import uuid

import pytest
from django.core.cache import caches
from django.db import connections
from django.test import Client, override_settings

from pagecache import flight, middleware
from pagecache.middleware import HIT_HEADER
from tests.pagecache.test_shared_cache import REDIS, redis_answers

pytestmark = pytest.mark.django_db(transaction=True)  # readers are threads: rows must be committed


@pytest.fixture(autouse=True)
def fresh_flights():
    """Start from no claimed render, no page remembered as unkept and no kept page: state of
    this process that earlier tests leave behind (a page remembered as unkept is rendered
    without waiting, whatever ANNALS_PAGE_RENDER_WAIT says)."""
    caches["default"].clear()
    with flight.flights._lock:
        flight.flights._events.clear()
        flight.flights._unkept.clear()


class HeldRender:
    """Hold the first render of a page before it is stored until released, and count who waits."""

    def __init__(self, monkeypatch):
        self.release, self.rendered, self.waiting = threading.Event(), threading.Event(), set()
        self.renders, self.lock = 0, threading.Lock()
        respond, wait = middleware.PublicPageCacheMiddleware._respond, flight.flights.wait

        def held_respond(middleware_self, request, response, shown):
            if response.has_header(HIT_HEADER):
                return respond(middleware_self, request, response, shown)
            with self.lock:
                self.renders += 1
                first = self.renders == 1
            if first:
                self.rendered.set()
                assert self.release.wait(30), "the test never released the render"
            return respond(middleware_self, request, response, shown)

        def counted_wait(key, until):
            with self.lock:
                self.waiting.add(threading.get_ident())
            wait(key, until)

        monkeypatch.setattr(middleware.PublicPageCacheMiddleware, "_respond", held_respond)
        monkeypatch.setattr(flight.flights, "wait", counted_wait)

    def until_waiting(self, readers):
        for _ in range(3000):
            with self.lock:
                if len(self.waiting) >= readers:
                    return
            threading.Event().wait(0.01)
        raise AssertionError(f"only {len(self.waiting)} of {readers} readers waited for the render")


def read_at_once(url, readers):
    """Start readers GETting url, each with its own client; return (threads, responses)."""
    responses = [None] * readers

    def read(index):
        try:
            responses[index] = Client().get(url)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read, args=(i,)) for i in range(readers)]
    threads[0].start()
    return threads, responses


def start_followers(threads):
    for thread in threads[1:]:
        thread.start()


def join(threads):
    for thread in threads:
        thread.join(60)
        assert not thread.is_alive()


def test_readers_of_a_page_being_rendered_get_that_render(world, monkeypatch):
    held, url = HeldRender(monkeypatch), world.person.get_absolute_url()
    threads, responses = read_at_once(url, readers=4)
    assert held.rendered.wait(30)
    start_followers(threads)
    held.until_waiting(3)
    held.release.set()
    join(threads)
    assert held.renders == 1 and [r.status_code for r in responses] == [200] * 4
    assert not responses[0].has_header(HIT_HEADER)
    assert all(r[HIT_HEADER] == "hit" and r.content == responses[0].content for r in responses[1:])


def test_a_page_that_changed_while_it_rendered_is_rendered_again_for_those_who_waited(world, monkeypatch):
    held, url = HeldRender(monkeypatch), world.person.get_absolute_url()
    threads, responses = read_at_once(url, readers=3)
    assert held.rendered.wait(30)
    start_followers(threads)
    held.until_waiting(2)
    world.person.name = "杨猛（改名）"
    world.person.save()  # published while the first reader's page was being drawn
    held.release.set()
    join(threads)
    assert "杨猛（改名）" not in responses[0].content.decode()
    assert all("杨猛（改名）" in r.content.decode() for r in responses[1:])
    assert held.renders == 2  # the waiters' page was drawn once more, by one of them


def test_without_a_wait_readers_render_the_page_themselves(world, monkeypatch, settings):
    settings.ANNALS_PAGE_RENDER_WAIT = 0
    held, url = HeldRender(monkeypatch), world.person.get_absolute_url()
    threads, responses = read_at_once(url, readers=3)
    assert held.rendered.wait(30)
    start_followers(threads)
    join(threads[1:])  # while the first render is still held
    held.release.set()
    join(threads[:1])
    assert held.renders == 3 and not held.waiting
    assert not any(r.has_header(HIT_HEADER) for r in responses)


def test_readers_of_a_page_that_cannot_be_kept_render_it_side_by_side(world, monkeypatch):
    missing = "/people/nobody-of-that-name/"
    assert Client().get(missing).status_code == 404  # rendered once: remembered as not kept
    held = HeldRender(monkeypatch)
    threads, responses = read_at_once(missing, readers=2)
    assert held.rendered.wait(30)
    start_followers(threads)
    join(threads[1:])  # while the first render is still held: the second did not wait for it
    held.release.set()
    join(threads[:1])
    assert held.renders == 2 and not held.waiting
    assert [r.status_code for r in responses] == [404, 404]


@pytest.fixture
def shared_cache(settings):
    """The page cache on Redis, under a key prefix of this test's own."""
    if not redis_answers():
        pytest.skip("no Redis answering on 127.0.0.1:6379")
    prefix = f"annals-test-{uuid.uuid4().hex[:12]}"
    location = f"redis://{REDIS[0]}:{REDIS[1]}/0"
    backend = "django.core.cache.backends.redis.RedisCache"
    with override_settings(
        CACHES={"default": {"BACKEND": backend, "LOCATION": location, "KEY_PREFIX": prefix}}
    ):
        yield caches["default"]
        caches["default"].clear()


def test_a_render_claimed_by_another_server_process_is_waited_for_through_the_cache(
    world, shared_cache, settings
):
    url = world.person.get_absolute_url()
    rendered = Client().get(url)
    (key,) = _page_keys(shared_cache)
    entry = shared_cache.get(key)
    shared_cache.delete(key)
    shared_cache.add(flight.CLAIM_PREFIX + key, "another process", timeout=30)
    threads, responses = read_at_once(url, readers=1)
    threading.Event().wait(0.2)  # the reader finds the claim and polls the cache
    shared_cache.set(key, entry)  # the other process stores its render and lets go
    shared_cache.delete(flight.CLAIM_PREFIX + key)
    join(threads)
    assert responses[0][HIT_HEADER] == "hit" and responses[0].content == rendered.content


def test_a_claim_never_let_go_costs_a_reader_the_wait_then_it_renders(world, shared_cache, settings):
    settings.ANNALS_PAGE_RENDER_WAIT = 0.3
    url = world.person.get_absolute_url()
    Client().get(url)
    (key,) = _page_keys(shared_cache)
    shared_cache.delete(key)
    shared_cache.add(flight.CLAIM_PREFIX + key, "a process that died mid-render", timeout=30)
    response = Client().get(url)
    assert response.status_code == 200 and not response.has_header(HIT_HEADER)


def _page_keys(cache):
    """Return the page-cache keys (without the prefix) stored in the Redis cache."""
    client = cache._cache.get_client()
    prefix = f"{cache.key_prefix}:{cache.version}:"
    return [k.decode()[len(prefix) :] for k in client.scan_iter(f"{prefix}page:*")]
