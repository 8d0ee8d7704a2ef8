"""Take the README's screenshots: the person, article and events pages at 1280 and 390 px.

Usage: python scripts/screenshots.py [OUTPUT_DIR]   (make screenshots; default docs/screenshots)

Loads the demo archive into the database DATABASE_URL names (migrate + load_demo), serves it
with runserver on a free local port, and drives Debian's chromium through Playwright.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("ANNALS_CHROMIUM", "/usr/bin/chromium")
PAGES = {
    "person": "/people/yang-meng/",
    "article": "/articles/alibaba-b2b-18-years/?hl=34#p-26",
    "events": "/events/",
}
WIDTHS = {"desktop": 1280, "phone": 390}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(port):
    """Start runserver on port once the demo archive is loaded; return the process."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True, cwd=ROOT)
    subprocess.run([*manage, "load_demo", "-v0"], check=True, cwd=ROOT)
    server = subprocess.Popen([*manage, "runserver", "--noreload", f"127.0.0.1:{port}"], cwd=ROOT)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def shoot(base, output):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        for device, width in WIDTHS.items():
            context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(base + path)
                target = output / f"{name}-{device}.png"
                page.screenshot(path=str(target), full_page=False)
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
            context.close()
        browser.close()


def main():
    output = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots").resolve()
    output.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = serve(port)
    try:
        shoot(f"http://127.0.0.1:{port}", output)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
