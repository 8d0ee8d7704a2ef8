import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """Run the workbench tests in English: they check message wording, and the site defaults to Chinese."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_proposals():
    """Forget the proposals cached per process: a test's article may reuse an earlier one's id."""
    from workbench import proposing

    proposing._recent.clear()
    yield
    proposing._recent.clear()
