"""The interface language as textkit knows it."""

from django.utils.translation import get_language


def text_language():
    """Return "en" for an English interface, else "zh": the languages textkit's explanations use."""
    return "en" if (get_language() or "").startswith("en") else "zh"
