"""Figures as they come: printed at once, checked against their targets, written as JSON."""

import json
import operator
import os
import platform
import resource
import sys
import time

TARGETS = {
    "career_page_vs_trivial_view": (">=", 0.5),
    "career_page_queries_growth": ("<=", 0),
    "import_vs_bulk_create": (">=", 0.25),
    "reprint_lookup_growth_100x": ("<=", 3),
    # Issue 18: pages, search and the admin at scale, and the site while editors publish.
    "career_page_uncached_p95_ms": ("<=", 50),
    "career_page_render_growth": ("<=", 1.5),
    "career_page_uncached_vs_trivial_view": (">=", 0.2),
    "search_p95_ms": ("<=", 100),
    "admin_annotation_changelist_ms": ("<=", 300),
    "admin_article_change_ms": ("<=", 500),
    "editing_load_errors": ("<=", 0),
    "editing_load_stale_pages": ("<=", 0),
    "editing_load_hit_rate": (">=", 0.9),
    "editing_load_p95_ms": ("<=", 100),
}
COMPARE = {">=": operator.ge, "<=": operator.le}


class Report:
    def __init__(self, mode, out=sys.stdout):
        self.mode, self.out, self.started = mode, out, time.perf_counter()
        self.figures, self.problems, self.context = {}, {}, {"mode": mode, "machine": machine()}

    def say(self, text):
        print(text, file=self.out, flush=True)

    def figure(self, name, value, unit=""):
        """Record a figure and print it, with its target's verdict when it has one."""
        self.figures[name] = value
        verdict = ""
        if name in TARGETS:
            op, target = TARGETS[name]
            verdict = f"   target {op} {target}: {'met' if self.met(name) else 'NOT MET'}"
        shown = f"{value:,}" if isinstance(value, int) else str(value)
        self.say(f"  {name:<40} {shown} {unit}{verdict}".rstrip())

    def missing(self, name, reason):
        self.problems[name] = reason
        self.say(f"  {name:<40} MISSING: {reason}")

    def met(self, name):
        value = self.figures.get(name)
        op, target = TARGETS[name]
        return isinstance(value, (int, float)) and COMPARE[op](value, target)

    def outcome(self):
        """Return {figure: "met" | "not met" | reason missing} for every target."""
        return {
            name: "met"
            if self.met(name)
            else self.problems.get(name, "not met" if name in self.figures else "missing")
            for name in TARGETS
        }

    def finish(self, path=None):
        """Print the verdict, write the JSON file, and return the process's exit status."""
        self.figure(
            "peak_rss_bench_mib", round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), "MiB"
        )
        self.figure(
            "peak_rss_server_worker_mib",
            round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
            "MiB",
        )
        self.figure("total_seconds", round(time.perf_counter() - self.started, 1), "s")
        outcome = self.outcome()
        ok = all(state == "met" for state in outcome.values())
        self.say(
            "All targets met."
            if ok
            else "Targets not met: " + "; ".join(f"{k}: {v}" for k, v in outcome.items() if v != "met")
        )
        if path:
            payload = {
                **self.context,
                "figures": self.figures,
                "targets": {k: f"{op} {t}" for k, (op, t) in TARGETS.items()},
                "outcome": outcome,
                "all_targets_met": ok,
            }
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False, indent=2)
            self.say(f"Figures written to {path}")
        return 0 if ok else 1


def machine():
    """Return the size of the machine the figures come from."""
    memory = None
    if os.path.exists("/proc/meminfo"):
        with open("/proc/meminfo", encoding="ascii") as handle:
            first = handle.readline().split()
        memory = round(int(first[1]) / 1024 / 1024, 1)
    return {
        "cpus": os.cpu_count(),
        "memory_gib": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
