"""The demo archive for the open-data tests: the reading tests' module-scoped fixture."""

from tests.reading.conftest import demo, demo_archive  # noqa: F401


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: generated requests (schemathesis); skip with -m 'not slow'")
