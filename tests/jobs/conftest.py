from .workers import workers  # noqa: F401 - the fixture, shared with tests/faults
