"""What a public page shows, told to whoever listens (the page cache): records and lists.

A view calls ``shows("person.page:12")`` for what its page draws beyond the records it loads
(the page cache also notes every record instantiated while a page renders); a page built from
query rows rather than model instances notes its records with ``shows_records("person", ids)``.
Outside a render that someone collects, ``shows`` does nothing, so views work the same without
a listener.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_shown = ContextVar("annals_page_shows", default=None)


def shows(*keys):
    """Note that the page being rendered depends on keys (strings such as "list:person")."""
    collected = _shown.get()
    if collected is not None:
        collected.update(keys)


def shows_records(kind, ids):
    """Note that the page shows the records of a kind ("person", "role", "event", "organization",
    "article") with these ids: the keys ("person:12") a model instance notes when it loads."""
    collected = _shown.get()
    if collected is not None:
        collected.update(f"{kind}:{pk}" for pk in ids)


def collected():
    """Return the set of keys noted by the render being collected, or None."""
    return _shown.get()


@contextmanager
def collecting():
    """Collect the keys noted while the block runs; yield the set they go into."""
    keys = set()
    token = _shown.set(keys)
    try:
        yield keys
    finally:
        _shown.reset(token)
