"""Schemathesis against the Django WSGI app: documented answers validate, and no input gives a 500.

A slug or filter value the schema allows may name nothing we hold (a 404, or a 400 naming the
filter), so the "schema-valid data is accepted" check is left out; and an undeclared unsafe
method (QUERY, PUT…) meets the CSRF middleware first (403, not 405), so that check is left out too;
list pages read a malformed optional parameter (a repeated ``year``, a ``page`` beyond the last)
leniently rather than refuse it, so "schema-violating data is refused" is left out as well. Every
other default check runs (no 5xx, status codes and bodies as documented, content types). Examples are derandomized,
so a run is repeatable. Slow-ish (generated requests against the demo archive): marked ``slow``.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
    unsupported_method,
)

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def test_connection():
    """Keep the test's database connection across the WSGI calls, as Django's test client does.

    The WSGI handler closes connections at the end of each request; on PostgreSQL that closes the
    connection holding the test's transaction.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_answers_as_documented(case, demo, test_connection):
    excluded = [positive_data_acceptance, negative_data_rejection, unsupported_method]
    case.call_and_validate(excluded_checks=excluded)
