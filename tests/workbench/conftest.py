import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """Run the workbench tests in English: they check message wording, and the site defaults to Chinese."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
