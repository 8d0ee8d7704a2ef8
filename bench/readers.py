"""Readers of the served site: keep-alive GET loops, timed on one clock, cheap for the client.

Each reader holds one keep-alive connection and asks for paths in turn, recording when each
request began and ended (time.monotonic(), one clock for every process on Linux, so the misses
of one page can be seen overlapping), whether it got a 200 and whether the page cache answered.
A request still in flight when the readers are stopped is waited for and counted.

The client shares the machine's two cores with the server it measures, so what it spends is
taken from the server. Measured on /livez with 50 readers (this machine, shared, load 8-14, so
roughly; python -m bench prints the first and the last as `client_threads_*`, `client_loop_*`):
threads of http.client in one process spent 290-430 µs of CPU a request (it parses every header
with the email package), about what gunicorn spends serving /livez; threads on plain sockets
90-150 µs; event loops on plain sockets 65-95 µs as one process, 105-120 µs as two processes of
25 connections, 120-180 µs as five of 10 (fewer answers per wake-up). Their req/s and latencies
differed by less than the machine's noise. The bench reads with event loops of
CONNECTIONS_PER_PROCESS connections a process: nearly the cheapest, never more than a core's
worth of client in one process, and an answer is timestamped when its loop takes it, with no
thread waiting for another's GIL in between. Pages are GETs answered with a Content-Length
(every public page and /livez); anything else counts as an error.
"""

import http.client
import itertools
import multiprocessing
import re
import selectors
import socket
import statistics
import threading
import time

CONNECTIONS_PER_PROCESS = 25
HIT = b"\r\nX-Annals-Page-Cache: hit\r\n"
LENGTH = re.compile(rb"\r\nContent-Length: *(\d+)", re.IGNORECASE)


def read(port, paths, *, readers, seconds=None, until=None, processes=None, warmup=0.0):
    """Run readers on paths for seconds (or until the callable until returns, run here meanwhile);
    return their records, (path index, began, ended, ok, hit), sorted by when they began."""
    processes = processes or max(1, -(-readers // CONNECTIONS_PER_PROCESS))
    # Forked before the caller starts threads of its own: the children run only this module
    # (no Django) and leave through os._exit, so the database connection they inherit is unused.
    context = multiprocessing.get_context("fork")
    ready, results, go, stop = context.Queue(), context.Queue(), context.Event(), context.Event()
    shares = [len(range(n, readers, processes)) for n in range(processes)]
    offsets = itertools.accumulate([0, *shares[:-1]])
    children = [
        context.Process(target=_process, args=(port, paths, share, offset, warmup, ready, results, go, stop))
        for offset, share in zip(offsets, shares, strict=True)
        if share
    ]
    for child in children:
        child.start()
    for _ in children:
        ready.get(timeout=60)
    go.set()
    try:
        if until is None:
            time.sleep(seconds)
        else:
            until()
    finally:
        stop.set()
        answers = [results.get(timeout=120) for _ in children]
        for child in children:
            child.join(30)
    records = sorted((record for mine, _ in answers for record in mine), key=lambda record: record[1])
    return Records(records, cpu_seconds=sum(cpu for _, cpu in answers))


class Records(list):
    """Readers' records, and the CPU time the readers' processes spent making them."""

    def __init__(self, records, *, cpu_seconds):
        super().__init__(records)
        self.cpu_seconds = cpu_seconds


def _process(port, paths, connections, offset, warmup, ready, results, go, stop):
    ready.put(True)
    go.wait()
    cpu, loop = time.process_time(), None
    try:
        loop = Loop(port, paths, connections, offset, counting=time.monotonic() + warmup)
        while not stop.is_set():
            loop.step()
        loop.finish()
    finally:
        results.put((loop.records if loop else [], time.process_time() - cpu))


class Loop:
    """Readers as keep-alive connections of one event loop, each asking for the next path as soon
    as its answer is in."""

    def __init__(self, port, paths, connections, offset, *, counting):
        self.selector, self.records, self.counting = selectors.DefaultSelector(), [], counting
        self.requests = [Connection(port).request_bytes(path) for path in paths]
        for n in range(connections):
            reader = Connection(port)
            reader.turns = itertools.islice(itertools.cycle(range(len(paths))), offset + n, None)
            self._next(reader)

    def step(self, more=True):
        """Take the answers that came; ask again on their connections unless more is False."""
        for key, _ in self.selector.select(timeout=0.05):
            reader = key.data
            try:
                answer = reader.receive()
            except (OSError, ValueError):
                answer = (0, b"", b"")
            if answer is None:
                continue
            self._record(reader, answer)
            if more:
                self._next(reader)
            elif reader.socket is not None:
                self.selector.unregister(reader.socket)
                reader.close()

    def finish(self, timeout=60):
        """Wait for the answers still to come (they count: a slow page is no less a request), then
        close every connection."""
        deadline = time.monotonic() + timeout
        while self.selector.get_map() and time.monotonic() < deadline:
            self.step(more=False)
        self.close()

    def _record(self, reader, answer):
        status, head, _ = answer
        if not status:  # a broken connection: the next request opens another
            self.selector.unregister(reader.socket)
            reader.close()
        if reader.began >= self.counting:
            self.records.append((reader.index, reader.began, time.monotonic(), status == 200, HIT in head))

    def _next(self, reader):
        reader.index, reader.began = next(reader.turns), time.monotonic()
        opened = reader.socket is None
        reader.start(self.requests[reader.index])
        if opened:  # a connection stays registered as long as it is open: one request at a time
            self.selector.register(reader.socket, selectors.EVENT_READ, reader)

    def close(self):
        for key in list(self.selector.get_map().values()):
            key.data.close()
        self.selector.close()


class Connection:
    """One keep-alive HTTP/1.1 connection to 127.0.0.1 (blocking GETs with `get`; the event loop
    drives it with `start` and `receive`)."""

    def __init__(self, port, timeout=60):
        self.port, self.timeout, self.socket, self.buffer = port, timeout, None, b""

    def request_bytes(self, path):
        return (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nAccept-Language: zh-hans\r\n\r\n".encode()
        )

    def get(self, path):
        """Return (status, head, body) of GET path; head is the status line and headers, as bytes."""
        self.start(self.request_bytes(path))
        while (answer := self.receive()) is None:
            pass
        return answer

    def start(self, request):
        if self.socket is None:
            self.socket = socket.create_connection(("127.0.0.1", self.port), timeout=self.timeout)
            self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.buffer = b""
        self.socket.sendall(request)

    def receive(self):
        """Read what has come; return (status, head, body) once the whole answer is in, else None."""
        chunk = self.socket.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buffer += chunk
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return None
        length = LENGTH.search(self.buffer, 0, end + 2)
        if length is None:
            raise ValueError("an answer without Content-Length")
        size = end + 4 + int(length.group(1))
        if len(self.buffer) < size:
            return None
        head, body, self.buffer = self.buffer[: end + 2], self.buffer[end + 4 : size], self.buffer[size:]
        return int(head[9:12]), head, body

    def close(self):
        if self.socket is not None:
            self.socket.close()
        self.socket = None


def summary(records):
    """Return requests, errors, req/s (from the first request to the last answer), p50 and p95 (ms)."""
    latencies = sorted(1000 * (ended - began) for _, began, ended, ok, _ in records if ok)
    span = max(ended for _, _, ended, _, _ in records) - records[0][1] if records else 0
    return {
        "requests": len(latencies),
        "errors": sum(1 for record in records if not record[3]),
        "req_per_s": round(len(latencies) / span, 1) if span else 0.0,
        "p50_ms": round(statistics.median(latencies), 2) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 2) if latencies else None,
    }


def compare_clients(port, path, *, readers, seconds):
    """Read path with threads of http.client in one process (the bench's client before), then with
    this module's readers; return both summaries and the client's CPU per request."""
    figures = {}
    for name, run in (("threads", _http_client_threads), ("loop", read)):
        records = run(port, [path], readers=readers, seconds=seconds, warmup=0.5)
        figures[name] = summary(sorted(records, key=lambda record: record[1]))
        figures[name]["cpu_us_per_request"] = round(1e6 * records.cpu_seconds / max(1, len(records)))
    return figures


def _http_client_threads(port, paths, *, readers, seconds, warmup):
    """Readers as threads of this process, each with an http.client connection (for comparison)."""
    records, stop, counting = [], threading.Event(), time.monotonic() + warmup

    def reader(offset):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for index in itertools.islice(itertools.cycle(range(len(paths))), offset, None):
            began = time.monotonic()
            connection.request("GET", paths[index], headers={"Accept-Language": "zh-hans"})
            response = connection.getresponse()
            response.read()
            if began >= counting:
                records.append((index, began, time.monotonic(), response.status == 200, False))
            if stop.is_set():
                return connection.close()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    cpu = time.process_time()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return Records(records, cpu_seconds=time.process_time() - cpu)
