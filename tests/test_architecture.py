"""The one-way rule between apps, and the project's migrations, checked on every run."""

import ast
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


# The one-way stack: an app may use only the apps listed for it (textkit stands alone; pagecache
# listens to archive and people through model signals and names them only to connect).
STACK = {
    "textkit": set(),
    "core": {"textkit"},
    "people": {"core", "textkit"},
    "archive": {"core", "people", "textkit"},
    "reading": {"core", "people", "archive", "textkit"},
    "workbench": {"core", "people", "archive", "textkit"},
    "pagecache": {"core"},
    # Background jobs run the services of the apps below; core hands work over through a setting.
    "jobs": {"core", "people", "archive", "workbench", "textkit"},
    "config": {"reading", "jobs"},
}
APPS = {
    "textkit",
    "core",
    "people",
    "archive",
    "reading",
    "workbench",
    "pagecache",
    "jobs",
    "bench",
    "config",
}
# What a lower app must not spell out in a string: relation and field names that belong to the
# evidence (archive), the public site's URL namespace and the archive's status words.
ARCHIVE_WORDS = (
    "annotations",
    "paragraph__",
    "article__",
    "is_published",
    '"published"',
    "reading:",
    "archive:",
)
MAX_LINES = 400


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def string_constants(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


def code_files(app):
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


def test_every_app_imports_only_the_apps_below_it():
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for app, allowed in STACK.items()
        for path in code_files(app)
        for module in imported_modules(path)
        if module.split(".")[0] in APPS and module.split(".")[0] not in allowed | {app}
    ]
    assert offenders == []


def test_pagecache_names_the_models_it_listens_to_only_by_label():
    modules = {m for path in code_files("pagecache") for m in imported_modules(path)}
    assert not {m for m in modules if m.split(".")[0] in {"archive", "people", "reading", "workbench"}}


def test_people_spells_no_archive_relation_url_or_status():
    offenders = [
        f"{path.relative_to(ROOT)}: {value!r}"
        for path in code_files("people")
        for value in string_constants(path)
        if any(word in f'"{value}"' for word in ARCHIVE_WORDS)
    ]
    assert offenders == []


def test_lower_apps_never_name_the_public_site_or_the_workbench_in_strings():
    offenders = [
        f"{path.relative_to(ROOT)}: {value!r}"
        for app in ("core", "people", "archive")
        for path in code_files(app)
        for value in string_constants(path)
        if value.startswith(("reading:", "workbench:", "reading.", "workbench."))
    ]
    assert offenders == []


def test_no_module_is_over_400_lines():
    long = [
        f"{path.relative_to(ROOT)}: {len(path.read_text(encoding='utf-8').splitlines())}"
        for app in APPS | {"tests"}
        for path in code_files(app)
        if len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES
    ]
    assert long == []


def test_the_scans_see_a_reverse_import_and_a_relation_string(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        '"""Doc."""\nfrom archive.models import Article\nimport archive.services\nX = "paragraph__article__is_published"\n'
    )
    assert list(imported_modules(bad)) == ["archive.models", "archive.services"]
    assert list(string_constants(bad)) == ["paragraph__article__is_published"]


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
