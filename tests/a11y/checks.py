"""Where the checkers live (installed by `make axe`), and the public HTML pages to check."""

import shutil
from pathlib import Path

from tests.security.urls import public_urls

NODE = Path(__file__).resolve().parents[2] / "var" / "node" / "node_modules"
AXE = NODE / "axe-core" / "axe.min.js"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")


def html_urls():
    """Return every public HTML page of the archive loaded in the database (no .json answers)."""
    return [url for url in public_urls() if ".json" not in url]
