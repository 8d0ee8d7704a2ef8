"""The WSGI entry point leaves what start-up made to the collector's permanent generation."""

from tests.security.test_settings import PRODUCTION, run_python


def test_serving_process_freezes_what_start_up_made():
    code = "import gc, config.wsgi; print(gc.get_freeze_count())"
    result = run_python("-c", code, DJANGO_SETTINGS_MODULE="config.settings", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    # Django and the apps alone make some hundred thousand objects (348,128 measured); a full
    # collection walks none of them once frozen.
    assert int(result.stdout) > 100_000
