"""The one-way rule between apps, and the project's migrations, checked on every run."""

import ast
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_people_never_imports_archive():
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / "people").rglob("*.py")
        for module in imported_modules(path)
        if module == "archive" or module.startswith("archive.")
    ]
    assert offenders == []


def test_textkit_has_no_django_import():
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / "textkit").rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in {"django", "archive", "people"}
    ]
    assert offenders == []


def test_import_scan_sees_a_reverse_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from archive.models import Article\nimport archive.services\n", encoding="utf-8")
    assert list(imported_modules(bad)) == ["archive.models", "archive.services"]


def test_no_pending_migrations(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_var_is_versioned_so_a_fresh_clone_migrates_and_settings_write_nothing(tmp_path):
    """The default SQLite file lives under var/, which every clone has (var/.gitkeep)."""
    import os
    import subprocess
    import sys

    listed = subprocess.run(["git", "ls-files", "var"], cwd=ROOT, capture_output=True, text=True).stdout
    assert listed.split() == ["var/.gitkeep"]
    var = tmp_path / "not" / "yet"
    env = {**os.environ, "ANNALS_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.update(DATABASE_URL="", DJANGO_DEBUG="1")
    imported = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True
    )
    assert imported.returncode == 0 and not var.exists()  # importing settings creates nothing
    var.mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert (var / "annals.sqlite3").exists()
