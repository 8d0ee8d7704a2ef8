"""Score the engine on a folder of articles with gold files, and time it.

    python -m textkit.proposals.evaluate tests/data/curation

Each ``NAME.txt`` with a ``NAME.gold.json`` beside it is split into paragraphs, classified
(textkit.classify), proposed and scored; the table gives per-article and pooled figures.
"""

import json
import sys
import time
from pathlib import Path

from textkit.classify import classify
from textkit.paragraphs import split_paragraphs
from textkit.proposals.engine import propose
from textkit.proposals.lexicon import Lexicon
from textkit.proposals.quality import score

__all__ = ["article_rows", "evaluate", "main", "pooled", "timing"]

_KINDS = ("people", "roles", "events", "dates")


def article_rows(text):
    """Return (position, text, kind) rows for a raw article text."""
    paragraphs = split_paragraphs(text)
    return [(i + 1, p, c.kind) for i, (p, c) in enumerate(zip(paragraphs, classify(paragraphs)))]


def evaluate(folder, lexicon=None):
    """Return {article name: score} for every article of folder that has a gold file."""
    results = {}
    for gold_path in sorted(Path(folder).glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (gold_path.parent / f"{name}.txt").read_text(encoding="utf-8-sig")
        proposals = propose(article_rows(text), published=gold.get("published"), lexicon=lexicon or Lexicon())
        results[name] = score(proposals.to_json(name), gold)
    return results


def pooled(results):
    """Pool counts over articles: recall and precision weighted by gold and proposed items."""
    out = {}
    for kind in _KINDS:
        rows = [r[kind] for r in results.values()]
        gold = sum(r["gold"] for r in rows)
        proposed = sum(r["proposed"] for r in rows)
        entry = {"gold": gold, "proposed": proposed}
        measures = (
            ("recall", "gold"),
            ("precision", "proposed"),
            ("exact", "gold"),
            ("start_year_right", "gold"),
        )
        for measure, weight in measures:
            values = [(r[measure], r[weight]) for r in rows if r.get(measure) is not None]
            total = sum(w for _, w in values)
            if values and total:
                entry[measure] = sum(v * w for v, w in values) / total
        out[kind] = entry
    return out


def _cell(entry, measure):
    value = entry.get(measure)
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def table(results):
    """Return the figures as a plain-text table, one row per article and kind, then pooled."""
    header = (
        f"{'article':28} {'kind':7} {'gold':>5} {'prop':>5} {'recall':>7} {'prec':>7} "
        f"{'exact':>7} {'start':>7}"
    )
    lines = [header]
    for name, result in list(results.items()) + [("ALL (pooled)", pooled(results))]:
        for kind in _KINDS:
            e = result[kind]
            lines.append(
                f"{name[:28]:28} {kind:7} {e['gold']:5} {e['proposed']:5} "
                f"{_cell(e, 'recall'):>7} {_cell(e, 'precision'):>7} {_cell(e, 'exact'):>7} "
                f"{_cell(e, 'start_year_right'):>7}"
            )
    return "\n".join(lines)


def timing(chars=30_000, repeat=3, source=None):
    """Return {"chars", "load_s", "seconds", "chars_per_s"}: proposals for a synthetic article.

    The article repeats the seed feature (or source text) up to `chars` characters; the model
    is loaded first and timed apart, so "seconds" is the warm cost the acceptance target means.
    """
    base = source or (
        Path(__file__).resolve().parents[2] / "tests/data/curation/seed_alibaba_b2b.txt"
    ).read_text(encoding="utf-8-sig")
    text = (base * (chars // max(1, len(base)) + 1))[:chars]
    # Every line as body: a repeated text would be classified as duplicates and skipped.
    rows = [(i + 1, t, "body") for i, (_, t, _) in enumerate(article_rows(text))]
    started = time.perf_counter()
    propose(rows[:1])
    load = time.perf_counter() - started
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        propose(rows, published="2017")
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return {
        "chars": len(text),
        "load_s": round(load, 3),
        "seconds": round(best, 3),
        "chars_per_s": round(len(text) / best),
    }


def main(argv=None):
    """Print the table for a folder (default tests/data/curation); exit 2 on a missing folder."""
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0] if argv else "tests/data/curation")
    if not folder.is_dir():
        print(f"error: {folder} is not a folder of NAME.txt + NAME.gold.json files", file=sys.stderr)
        return 2
    print(table(evaluate(folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
