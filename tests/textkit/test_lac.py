"""LAC stays usable (it has had no release since 2021), and textkit stays free of Django."""

import ast
import importlib.util
from pathlib import Path

import pytest

TEXTKIT = Path(__file__).resolve().parents[2] / "textkit"


def test_lac_tags_one_fixed_sentence():
    if importlib.util.find_spec("LAC") is None:
        pytest.skip("lac is not installed (pip install --no-build-isolation lac==2.1.2): jieba fallback only")
    from textkit.proposals.ner import tagger

    ner = tagger("LAC")
    assert ner.name == "LAC", ner.notices
    tokens = ner.tag(["2018年9月20日，美团在港交所上市，王兴出任董事会主席。"])[0]
    tags = {word: tag for _, _, word, tag in tokens}
    assert tags.get("王兴") == "PER"
    assert tags.get("2018年9月20日") == "TIME"
    text = "2018年9月20日，美团在港交所上市，王兴出任董事会主席。"
    assert all(text[start:end] == word for start, end, word, _ in tokens)


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
            "import_module",
            "__import__",
        ):
            yield from (
                a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )


def test_no_textkit_module_imports_django():
    files = sorted(TEXTKIT.rglob("*.py"))
    assert files
    offenders = [
        f"{path.relative_to(TEXTKIT.parent)}: {name}"
        for path in files
        for name in _imported_modules(path)
        if name == "django" or name.startswith("django.")
    ]
    assert offenders == []
