"""Measure how close Annals runs to what the machine can do, each figure a ratio from one run.

    python -m bench [--quick] [--json FILE] [--seed N]

Builds everything in a temporary database (SQLite, or a fresh database on the PostgreSQL
server DATABASE_URL names, dropped at the end), prints each figure as it is measured, writes
them all to FILE, and exits non-zero when a target is not met or a figure could not be
measured (for instance because its bench module is missing).
"""

import argparse
import importlib
import sys
import time

from .harness import engine_name, setup_django, temporary_database
from .report import Report

LOAD_SECONDS = {"quick": 2, "full": 10}
LOAD_TRIALS = 3  # rounds of trivial view and page in turn, each ratio from their medians
EDITING_LOAD = {"quick": {"readers": 20, "seconds": 10}, "full": {"readers": 50, "seconds": 60}}
EXTERNAL = {  # module: (the figure it must return, keyword arguments per mode)
    "csv_import": ("import_vs_bulk_create", {"quick": {"rows": 5_000}, "full": {"rows": 50_000}}),
    "reprint_lookup": (
        "reprint_lookup_growth_100x",
        {"quick": {"sizes": (20, 2_000)}, "full": {"sizes": (100, 10_000)}},
    ),
    "load": ("load_req_per_s", {"quick": {"quick": True}, "full": {}}),
    "proposals": ("proposals_30k_chars_s", {"quick": {"quick": True}, "full": {}}),
}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, short loads: under a minute on two cores"
    )
    parser.add_argument("--json", metavar="FILE", help="write every figure to FILE")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic archive (default 1)")
    args = parser.parse_args(argv)
    report = Report("quick" if args.quick else "full")
    with temporary_database() as url:
        env = setup_django(url)
        report.context["engine"] = engine_name()
        report.say(
            f"Annals bench ({report.mode}) on {report.context['engine']}, {report.context['machine']['cpus']} CPUs"
        )
        run(report, env, args.seed)
    return report.finish(args.json)


def run(report, env, seed):
    from . import pages

    slug = career_queries(report, pages, seed)
    at_scale(report, slug)
    serve(report, env, f"/people/{slug}/")
    editing_load(report, env, slug)
    for module, (figure, kwargs) in EXTERNAL.items():
        external(report, module, figure, kwargs[report.mode])


def career_queries(report, pages, seed):
    """Measure the career page on a small archive, then on the large one; return the large slug.

    The render growth compares the two busiest people's pages rendered in turn on the large
    archive (pages.in_turn): the same page code and tables, only the evidence differs, and the
    machine's swings fall on both alike. Each archive's own render time is reported too."""
    sizes = pages.SIZES[report.mode]
    counts, slugs = {}, {}
    for label in ("small", "large"):
        made = pages.generate(sizes[label], seed)
        report.say(
            f"{label} archive: +{made['articles']:,} articles, +{made['people']:,} people, +{made['annotations']:,} annotations in {made['seconds']} s"
        )
        report.figure(f"generate_{label}_rows_per_s", made["rows_per_s"], "rows/s")
        slug, citations = pages.busiest_person()
        queries, ms, size = pages.page_cost(f"/people/{slug}/")
        counts[label], slugs[label] = queries, slug
        report.figure(f"career_page_{label}_queries", queries)
        report.figure(
            f"career_page_{label}_render_ms",
            ms,
            f"ms (median; {citations} role citations, {size:,} bytes, uncached)",
        )
    report.figure("career_page_queries_growth", counts["large"] - counts["small"])
    paths = {label: f"/people/{slug}/" for label, slug in slugs.items()}
    medians = pages.in_turn(list(paths.values()))
    for label, slug in slugs.items():
        report.figure(
            f"career_page_{label}_in_turn_ms",
            medians[paths[label]],
            f"ms (median; {pages.role_citations(slug)} role citations; both on the large archive, in turn)",
        )
    report.figure("career_page_render_growth", round(medians[paths["large"]] / medians[paths["small"]], 2))
    return slugs["large"]


def at_scale(report, slug):
    """Measure search and the editors' pages on the large archive, rendered afresh."""
    from . import scale

    repeat, fewer = scale.REPEAT[report.mode], scale.EDITORS_REPEAT[report.mode]
    queries = scale.search_queries(slug)
    report.figure("search_p95_ms", scale.search_p95_ms(queries, repeat), f"ms (queries {queries})")
    report.figure("admin_annotation_changelist_ms", scale.admin_changelist_ms(repeat), "ms (median)")
    started, lists = time.perf_counter(), scale.admin_changelist_paths(slug)
    medians = scale.admin_pages_ms(fewer, list(lists.values()))
    for figure, path in lists.items():
        report.figure(figure, medians[path], "ms (median)")
    every = [report.figures["admin_annotation_changelist_ms"], *medians.values()]
    report.figure("admin_changelists_max_ms", max(every), "ms (the slowest median above)")
    page, part, paragraphs = scale.workbench_paths()
    timed = scale.admin_pages_ms(fewer, [page, part])
    report.figure("workbench_page_ms", timed[page], f"ms (median; longest article, {paragraphs} paragraphs)")
    report.figure("workbench_part_ms", timed[part], "ms (median; a later part)")
    report.figure("admin_article_change_ms", scale.demo_article_change_ms(fewer), "ms (median; demo feature)")
    report.say(f"  (the editors' pages took {time.perf_counter() - started:.1f} s)")


def editing_load(report, env, slug):
    """Readers on the served site while an editor publishes one annotation a second."""
    from . import editing, scale

    figures = editing.measure(env, scale.reader_paths(slug), slug, **EDITING_LOAD[report.mode])
    for key, value in figures.items():
        report.figure(key, value)


def serve(report, env, path):
    """Serve the site with gunicorn; compare the career page with the trivial view (/livez: no
    database, cache or queue) under one load, in rounds taken in turn (server.alternate), with
    the page cache on and then off; and the bench's client with threads of http.client."""
    from .readers import compare_clients
    from .server import alternate, gunicorn

    seconds = LOAD_SECONDS[report.mode]
    with gunicorn(env) as port:
        loads = alternate(port, ["/livez", path], seconds=seconds, trials=LOAD_TRIALS)
        readers = EDITING_LOAD[report.mode]["readers"]
        clients = compare_clients(port, "/livez", readers=readers, seconds=seconds + 0.5)
    trivial, career = loads["/livez"], loads[path]
    for name, figures in (("trivial_view", trivial), ("career_page", career)):
        for key, value in figures.items():
            report.figure(f"{name}_{key}", value)
    for name, figures in clients.items():
        for key, value in figures.items():
            report.figure(f"client_{name}_{key}", value, f"(/livez, {readers} readers)")
    if career["errors"] or not trivial["req_per_s"]:
        report.missing("career_page_vs_trivial_view", f"{career['errors']} failed requests to {path}")
        return
    report.figure("career_page_vs_trivial_view", round(career["req_per_s"] / trivial["req_per_s"], 3))
    with gunicorn(env, page_cache=False) as port:
        loads = alternate(port, ["/livez", path], seconds=seconds, trials=LOAD_TRIALS)
    trivial, uncached = loads["/livez"], loads[path]
    report.figure("trivial_view_uncached_server_req_per_s", trivial["req_per_s"])
    report.figure("career_page_uncached_req_per_s", uncached["req_per_s"])
    report.figure("career_page_uncached_trials_req_per_s", uncached["trials_req_per_s"])
    report.figure("career_page_uncached_errors", uncached["errors"])
    report.figure("career_page_uncached_p95_ms", uncached["p95_ms"], "ms")
    if uncached["errors"] or not trivial["req_per_s"]:
        report.missing(
            "career_page_uncached_vs_trivial_view", f"{uncached['errors']} failed requests to {path}"
        )
        return
    report.figure(
        "career_page_uncached_vs_trivial_view", round(uncached["req_per_s"] / trivial["req_per_s"], 3)
    )


def external(report, module, figure, kwargs):
    """Run bench.<module>.measure(**kwargs), owned by another area, and record what it returns."""
    try:
        measure = importlib.import_module(f"bench.{module}").measure
    except ModuleNotFoundError as exc:
        if exc.name != f"bench.{module}":
            raise
        report.missing(figure, f"bench/{module}.py is missing, so {figure} was not measured")
        return
    started = time.perf_counter()
    try:
        figures = measure(**kwargs)
    except Exception as exc:  # noqa: BLE001 - one broken module must not hide the others' figures
        report.missing(figure, f"bench/{module}.py failed: {type(exc).__name__}: {exc}")
        return
    for key, value in figures.items():
        report.figure(key, value)
    report.say(f"  ({module} took {time.perf_counter() - started:.1f} s)")
    if figure not in figures:
        report.missing(figure, f"bench/{module}.py did not return {figure}")


if __name__ == "__main__":
    sys.exit(main())
