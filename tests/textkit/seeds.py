"""Seed documents for the pure text tests (no database, no conftest: they run with -p no:django --noconftest)."""
import os
from pathlib import Path

import pytest

from textkit.paragraphs import split_paragraphs

REPO = Path(__file__).resolve().parents[2]
SEED_NAMES = {"original": "000_fbf63399b12ced61.txt", "reprint": "001_5e1bf93a7904f7fc.txt"}


def seed_dir() -> Path:
    """Return the folder holding the seed articles: $ANNALS_SEEDS, the repo's copy, or ../shared/seeds."""
    candidates = [os.environ.get("ANNALS_SEEDS"), REPO / "seeds", REPO.parent / "shared" / "seeds"]
    for folder in filter(None, candidates):
        if (Path(folder) / SEED_NAMES["original"]).exists():
            return Path(folder)
    raise FileNotFoundError("seed articles not found; set ANNALS_SEEDS to their folder")


def read_seed(which: str) -> str:
    return (seed_dir() / SEED_NAMES[which]).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def original_text():
    return read_seed("original")


@pytest.fixture(scope="session")
def reprint_text():
    return read_seed("reprint")


@pytest.fixture(scope="session")
def original(original_text):
    return split_paragraphs(original_text)


@pytest.fixture(scope="session")
def reprint(reprint_text):
    return split_paragraphs(reprint_text)
