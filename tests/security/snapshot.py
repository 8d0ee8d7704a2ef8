"""A byte-exact picture of everything the archive holds, to prove a failed write changed nothing."""

import itertools

from django.core import serializers

from archive.services.backup import _rows, backup_models


def snapshot():
    """Return every row of every backed-up model, history included, as JSON text (keys as stored)."""
    rows = itertools.chain.from_iterable(_rows(model) for model in backup_models(with_history=True))
    return serializers.serialize("json", rows)
