"""The interface language: as textkit knows it, and read once per page while a page renders."""

import contextlib
import threading

from django.utils import translation
from django.utils.translation import trans_real


class _Rendering(threading.local):
    bound = None  # (language, catalogue) while a page renders in this thread


_rendering = _Rendering()


@contextlib.contextmanager
def rendering():
    """Bind the active language and its catalogue for one render (reading/jinja.py's templates).

    Django keeps them in an asgiref Local, a few µs a read, and a career page reads them a
    hundred times (every date, category, preview and translated label). Inside this block
    language() and catalogue() read them back from a plain thread-local. A render does not switch
    language halfway; one nested in another binds its own and gives the outer one back.
    """
    outer = _rendering.bound
    _rendering.bound = (translation.get_language(), trans_real.catalog())
    try:
        yield
    finally:
        _rendering.bound = outer


def language():
    """Return the active language, as translation.get_language() does."""
    bound = _rendering.bound
    return bound[0] if bound is not None else translation.get_language()


def catalogue():
    """Return the active language's catalogue, as trans_real.catalog() does."""
    bound = _rendering.bound
    return bound[1] if bound is not None else trans_real.catalog()


def gettext(message):
    """Return message translated, as Django's gettext does a plain string (a literal message)."""
    return catalogue().gettext(message)


def text_language():
    """Return "en" for an English interface, else "zh": the languages textkit's explanations use."""
    return "en" if (language() or "").startswith("en") else "zh"
