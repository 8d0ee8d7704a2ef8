"""gunicorn on a free loopback port, and a bounded keep-alive load generator to measure it."""

import contextlib
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

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
    """GET path over keep-alive connections from `concurrency` threads for `seconds`; return figures."""
    _hammer(port, path, warmup, concurrency)
    latencies, errors, elapsed = _hammer(port, path, seconds, concurrency)
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "req_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 2) if latencies else None,
        "p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 2) if latencies else None,
    }


def _hammer(port, path, seconds, concurrency):
    latencies, errors, lock = [], [0], threading.Lock()
    started = time.perf_counter()
    deadline = started + seconds

    def worker():
        connection, mine, failed = http.client.HTTPConnection("127.0.0.1", port, timeout=30), [], 0
        while time.perf_counter() < deadline:
            begin = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Language": "zh-hans"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection, ok = http.client.HTTPConnection("127.0.0.1", port, timeout=30), False
            if ok:
                mine.append(time.perf_counter() - begin)
            else:
                failed += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.perf_counter() - started
