"""Where the checkers live (installed by `make axe`), and the public HTML pages to check."""

import shutil
from pathlib import Path
from urllib.parse import urlsplit

from tests.security.urls import public_urls

NODE = Path(__file__).resolve().parents[3] / "var" / "node" / "node_modules"
AXE = NODE / "axe-core" / "axe.min.js"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")


def html_urls():
    """Return every public HTML page of the archive loaded in the database.

    JSON, JSON-LD (annotation IRIs and collections), TEI XML and the QuickStatements text are data, not
    pages, and are left out.
    """
    data = (".json", ".jsonld", ".txt", ".xml")
    paths = [(url, urlsplit(url).path) for url in public_urls()]
    return [url for url, path in paths if not path.endswith(data) and not path.startswith("/annotations/")]
