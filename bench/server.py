"""gunicorn on a free loopback port, and a bounded keep-alive load generator to measure it."""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from .readers import read, summary

ROOT = Path(__file__).resolve().parent.parent
WORKERS, THREADS = 2, 4


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env, *, page_cache=True):
    """Run the site under gunicorn (gthread workers, keep-alive) on loopback; yield the port."""
    port = free_port()
    environ = {**os.environ, **env}
    if page_cache:
        environ.pop("ANNALS_PAGE_CACHE_SECONDS", None)
    else:
        environ["ANNALS_PAGE_CACHE_SECONDS"] = "0"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "gthread",
        "--threads",
        str(THREADS),
        "--keep-alive",
        "30",
        # Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads connections
        # among them; on one shared socket the worker that wakes first took all four keep-alive
        # connections in 7 of 11 runs, and one core served the page (130 against 290 req/s).
        "--reuse-port",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait_until_up(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(port, process, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited with status {process.returncode}: {process.stderr.read().decode()[-2000:]}"
            )
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {timeout:.0f} s")


def load(port, path, *, seconds, concurrency=4, warmup=0.5):
    """GET path over `concurrency` keep-alive connections for `seconds`; return the figures."""
    return summary(read(port, [path], readers=concurrency, seconds=seconds + warmup, warmup=warmup))


def alternate(port, paths, *, seconds, trials):
    """Load each of paths in turn, `trials` rounds; return for each path the load of median req/s,
    with ``trials_req_per_s`` (every round's, in order) and ``errors`` summed over the rounds.

    Each load opens its own four connections and the kernel deals them to the workers afresh
    (SO_REUSEPORT hashes each connection): in about one load in eight all four land on one
    worker and one core serves the page at half the rate. One load of each path gave ratios from
    0.05 to 0.25 for the same code on this machine; rounds taken in turn, under the same
    conditions, and their medians compared, keep that draw and the machine's own swings (the
    trivial view alone ran at 1,700-3,800 req/s) out of the ratio."""
    found = {path: [] for path in paths}
    for _ in range(trials):
        for path in paths:
            found[path].append(load(port, path, seconds=seconds))
    medians = {}
    for path, loads in found.items():
        median = dict(sorted(loads, key=lambda figures: figures["req_per_s"])[len(loads) // 2])
        median["trials_req_per_s"] = [figures["req_per_s"] for figures in loads]
        median["errors"] = sum(figures["errors"] for figures in loads)
        medians[path] = median
    return medians
