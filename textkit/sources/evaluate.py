"""Print how a careful reader's paragraph kinds agree with read_source's, page by page.

    python -m textkit.sources.evaluate tests/data/pages [--extractor auto|trafilatura|readability|stdlib]

Each page ``NAME.EXT`` has a label file ``NAME.kinds.txt``: one ``kind<TAB>opening words``
per paragraph a reader sees. A labelled paragraph agrees when the paragraph
opening with those words has that kind; one the extractor dropped agrees when
the reader did not call it body or heading (no evidence lost). A paragraph
the reader did not label (page chrome an extractor kept) agrees when it is
boilerplate.
"""

import argparse
import sys
from pathlib import Path
from typing import NamedTuple

from ..classify import BOILERPLATE
from ..fold import fold
from . import DATED_KINDS, Source, dated_boilerplate, read_source

LABEL_SUFFIX = ".kinds.txt"


class Score(NamedTuple):
    name: str
    encoding: str
    extractor: str
    paragraphs: int
    agreed: int
    total: int
    chrome_as_body: int
    dated_chrome: int
    misses: list[str]


def label_files(folder: Path) -> list[tuple[Path, Path]]:
    """Return (page, labels) pairs of the folder, by name."""
    pairs = []
    for labels in sorted(folder.glob("*" + LABEL_SUFFIX)):
        stem = labels.name[: -len(LABEL_SUFFIX)]
        page = next((p for p in folder.glob(stem + ".*") if p != labels), None)
        if page is not None:
            pairs.append((page, labels))
    return pairs


def read_labels(path: Path) -> list[tuple[str, str]]:
    """Return (kind, opening words) per label line."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, opening = line.partition("\t")
            rows.append((kind.strip(), opening.strip()))
    return rows


def score_page(page: Path, labels: list[tuple[str, str]], extractor: str = "auto") -> Score:
    """Return the agreement of read_source's kinds with the labels on one page."""
    source = _read(page, extractor)
    matched = _match(source, labels)
    agreed, misses, chrome_as_body = 0, [], 0
    for (kind, opening), index in zip(labels, matched):
        got = source.paragraphs[index][1] if index is not None else None
        ok = got == kind if got is not None else kind not in DATED_KINDS
        agreed += ok
        if not ok:
            misses.append(f"{kind}≠{got}: {opening[:20]}")
        chrome_as_body += got in DATED_KINDS and kind in (BOILERPLATE, "metadata")
    unlabelled = sorted(set(range(len(source.paragraphs))) - {i for i in matched if i is not None})
    for i in unlabelled:
        text, kind, _ = source.paragraphs[i]
        agreed += kind == BOILERPLATE
        chrome_as_body += kind in DATED_KINDS
        if kind != BOILERPLATE:
            misses.append(f"unlabelled {kind}: {text[:20]}")
    per_paragraph = [None] * len(source.paragraphs)
    for (kind, _), index in zip(labels, matched):
        if index is not None:
            per_paragraph[index] = kind
    for i in unlabelled:
        per_paragraph[i] = BOILERPLATE
    dated = len(dated_boilerplate(source.paragraphs, per_paragraph))
    return Score(
        page.name,
        source.encoding,
        source.extractor,
        len(source.paragraphs),
        agreed,
        len(labels) + len(unlabelled),
        chrome_as_body,
        dated,
        misses,
    )


def _read(page: Path, extractor: str) -> Source:
    if extractor == "auto":
        return read_source(page.read_bytes(), filename=page.name)
    from .compare import read_with

    return read_with(page.read_bytes(), page.name, extractor)


def _match(source: Source, labels) -> list[int | None]:
    """Return, per label, the position of the paragraph it names (in order), or None."""
    keys = [fold(text) for text, _, _ in source.paragraphs]
    out, cursor = [], 0
    for _, opening in labels:
        want = fold(opening)
        found = _find(keys, want, cursor)
        found = _find(keys, want, 0) if found is None else found
        out.append(found)
        cursor = found + 1 if found is not None else cursor
    return out


def _find(keys, want, start):
    return next((i for i in range(start, len(keys)) if keys[i].startswith(want)), None)


def evaluate(folder: Path, extractor: str = "auto") -> list[Score]:
    """Return the score of every labelled page of the folder."""
    return [score_page(page, read_labels(labels), extractor) for page, labels in label_files(folder)]


def print_table(scores: list[Score], out=sys.stdout, verbose: bool = False) -> None:
    """Print one row per page and the corpus total."""
    print(
        f"{'page':34} {'encoding':10} {'extractor':11} {'paras':>5} {'agree':>11} {'chrome→body':>11} "
        f"{'dated chrome':>12}",
        file=out,
    )
    for s in scores:
        print(
            f"{s.name:34} {s.encoding:10} {s.extractor:11} {s.paragraphs:5} "
            f"{s.agreed:4}/{s.total:<3} {100 * s.agreed / max(s.total, 1):3.0f}% {s.chrome_as_body:11} "
            f"{s.dated_chrome:12}",
            file=out,
        )
        for miss in s.misses if verbose else ():
            print(f"    {miss}", file=out)
    agreed, total = sum(s.agreed for s in scores), sum(s.total for s in scores)
    print(
        f"{'all':34} {'':10} {'':11} {sum(s.paragraphs for s in scores):5} {agreed:4}/{total:<3} "
        f"{100 * agreed / max(total, 1):5.1f}% {sum(s.chrome_as_body for s in scores):9} "
        f"{sum(s.dated_chrome for s in scores):12}",
        file=out,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Paragraph-kind agreement of read_source with hand labels.")
    parser.add_argument("folder", type=Path)
    parser.add_argument(
        "--extractor", default="auto", choices=("auto", "trafilatura", "readability", "stdlib")
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    print_table(evaluate(args.folder, args.extractor), verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
