"""Benchmarks for Annals: run ``python -m bench [--quick] [--json FILE]`` (see bench/__main__.py)."""
