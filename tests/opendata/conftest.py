"""The demo archive for the open-data tests: the reading tests' module-scoped fixture."""

from tests.reading.conftest import demo, demo_archive  # noqa: F401
