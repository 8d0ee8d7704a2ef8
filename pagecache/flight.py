"""One render of a page at a time: readers asking for a page being rendered wait for it.

When a publish redraws a busy page, every reader asking for it before the first render is
stored would render it too (a dogpile), each costing what one render costs. Instead the first
reader claims the render of the page's key and the others wait, a bounded time
(ANNALS_PAGE_RENDER_WAIT), for the entry it stores; a waiter accepts the entry only if it stands
by the versions the waiter knows, exactly as a hit, so waiting never serves an older page. When
the page moved while it rendered, one waiter claims the next render; when the wait runs out, the
waiters render the page themselves. A page that could not be kept at all (not a 200, too large)
is remembered by the process for UNKEPT_SECONDS, so its readers there render it side by side
rather than one after another (in this process's memory, not the cache: a crawler's 404s must
not push pages out of the cache).

Threads of one process wait on an event the claiming thread sets when it is done. Processes
claim through the cache itself (``cache.add`` is atomic on Redis and in local memory): a claim
held by another server process is waited for by polling the cache, and it expires on its own
should that process die mid-render.
"""

import os
import threading
import time

CLAIM_PREFIX = "rendering:"
POLL_SECONDS = 0.02  # how often a page rendered by another process is looked for
UNKEPT_SECONDS, UNKEPT_LIMIT = 5, 10_000
LEAD, WAIT, RENDER = "lead", "wait", "render"  # what claim() tells a reader to do


class Flights:
    """The renders this process's threads have claimed, and the events their waiters wait on."""

    def __init__(self):
        self._lock = threading.Lock()
        self._events = {}
        self._unkept = {}  # {key: time.monotonic() until which its renders are not waited for}

    def claim(self, cache, key, seconds):
        """Claim the render of key for this thread, for at most seconds. Return LEAD (render and
        store it), WAIT (another thread or process renders it) or RENDER (it cannot be kept:
        render it without waiting). No other thread of this process may hold the claim, nor,
        through the cache, another process."""
        with self._lock:
            if key in self._events:
                return WAIT
            if self._unkept.get(key, 0.0) > time.monotonic():
                return RENDER
            self._events[key] = threading.Event()
        try:
            claimed = cache.add(CLAIM_PREFIX + key, os.getpid(), timeout=max(1, round(seconds)))
        except Exception:  # a cache server that is down: nothing can be shared, render
            self._wake(key)
            return RENDER
        if not claimed:
            self._wake(key)
        return LEAD if claimed else WAIT

    def release(self, cache, key, storable=True):
        """End this thread's claim of key and wake its waiters; remember a page that could not be
        kept, so its next readers render it without waiting."""
        try:
            cache.delete(CLAIM_PREFIX + key)
        except Exception:  # the claim expires on its own
            pass
        if not storable:
            with self._lock:
                if len(self._unkept) >= UNKEPT_LIMIT:
                    self._unkept.clear()
                self._unkept[key] = time.monotonic() + UNKEPT_SECONDS
        self._wake(key)

    def wait(self, key, until):
        """Wait until this process's render of key ends, or a poll interval when another process
        renders it (or nobody does any more), but never past until (time.monotonic())."""
        left = until - time.monotonic()
        if left <= 0:
            return
        event = self._events.get(key)
        if event is None:
            time.sleep(min(POLL_SECONDS, left))
        else:
            event.wait(left)

    def _wake(self, key):
        with self._lock:
            event = self._events.pop(key, None)
        if event is not None:
            event.set()


flights = Flights()
