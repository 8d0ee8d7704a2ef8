"""Writes in a batch: whoever keeps data derived from them brings it up to date once, at the end.

A service that saves many rows in one go (publishing a selection, re-anchoring a paragraph's
annotations) wraps the loop in ``with writes_batch():``. Listeners that keep derived data (the
ranked evidence of reading/listeners.py) gather what each save touches while ``in_batch()`` and
do the work when ``batch_ended`` is sent, still inside the caller's transaction. A batch that
ends with an exception sends ``batch_ended`` with ``aborted=True``: the work is dropped, as the
transaction around it is rolled back.
"""

import threading
from contextlib import contextmanager

from django.dispatch import Signal

batch_ended = Signal()
_state = threading.local()


def in_batch():
    """Return whether the current thread is inside writes_batch()."""
    return getattr(_state, "depth", 0) > 0


@contextmanager
def writes_batch():
    """Let listeners do their derived work once when the outermost batch ends (see the module)."""
    depth = getattr(_state, "depth", 0)
    _state.depth = depth + 1
    try:
        yield
    except BaseException:
        _state.depth = depth
        if depth == 0:
            batch_ended.send(sender=None, aborted=True)
        raise
    _state.depth = depth
    if depth == 0:
        batch_ended.send(sender=None, aborted=False)
