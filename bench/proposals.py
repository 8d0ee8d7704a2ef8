"""Time the curation assistant's proposals: a 30,000-character article and a 1 MB one.

    python -m bench.proposals [--quick]

``measure()`` returns ``proposals_30k_chars_s`` (warm, best of three: the model is loaded
first and timed apart as ``proposals_model_load_s``), ``proposals_1mb_s`` (one run over about
a million characters, to show it finishes in bounded time) and ``proposals_peak_rss_mib``
(the process's peak resident memory afterwards). Pure text engine: no database. When no
named-entity library loads, the figures are still measured (lexicon only) and the backend says so.
"""

import argparse
import json
import resource
import time
from pathlib import Path

from textkit.proposals.engine import propose
from textkit.proposals.evaluate import article_rows, timing
from textkit.proposals.ner import tagger

ONE_MB = 1_000_000


def _one_mb_seconds(chars):
    base = Path(__file__).resolve().parents[1] / "tests/data/curation/seed_alibaba_b2b.txt"
    text = base.read_text(encoding="utf-8-sig")
    text = (text * (chars // len(text) + 1))[:chars]
    rows = [(i + 1, t, "body") for i, (_, t, _) in enumerate(article_rows(text))]
    started = time.perf_counter()
    propose(rows, published="2017")
    return round(time.perf_counter() - started, 2)


def measure(quick=False):
    """Return the proposal figures (seconds, MiB); quick runs a 200,000-character "large" article."""
    warm = timing(chars=30_000, repeat=1 if quick else 3)
    large = 200_000 if quick else ONE_MB
    figures = {
        "proposals_backend": tagger().name,
        "proposals_model_load_s": warm["load_s"],
        "proposals_30k_chars_s": warm["seconds"],
        "proposals_chars_per_s": warm["chars_per_s"],
        ("proposals_200k_chars_s" if quick else "proposals_1mb_s"): _one_mb_seconds(large),
    }
    figures["proposals_peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.proposals", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200,000 characters instead of 1 MB")
    print(json.dumps(measure(quick=parser.parse_args().quick), indent=1))
