"""Measure the peak memory of refusing one hostile file: ``python -m tests.security.measure PATH``.

Prints one JSON line: the file, how it was refused (or "accepted") and the growth of the
process's peak resident size (``resource.getrusage``) over a warmed-up baseline, in MB.
"""

import json
import os
import resource
import sys
from pathlib import Path


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def refuse(path):
    """Run the reading step every import path shares for path; return the refusal or "accepted"."""
    from archive.services import bundles
    from archive.services.annotation_rows import ImportFailed, read_rows
    from archive.services.backup import BackupError, inflate
    from core.uploads import TooLarge, read_capped

    try:
        if path.name.endswith(".json.gz"):
            with open(os.devnull, "wb") as sink:
                inflate(path, sink)
        elif path.suffix == ".zip":
            bundles.read_bundle(path)
        else:
            read_rows(read_capped(path), path.name)
    except (ImportFailed, BackupError, TooLarge) as exc:
        return str(exc)
    return "accepted"


def main(path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ["DATABASE_URL"] = ""
    import django

    django.setup()
    refuse(Path(__file__))  # warm up: imports, translations
    before = _peak_mb()
    outcome = refuse(Path(path))
    print(
        json.dumps({"file": Path(path).name, "outcome": outcome, "growth_mb": round(_peak_mb() - before, 1)})
    )


if __name__ == "__main__":
    main(sys.argv[1])
