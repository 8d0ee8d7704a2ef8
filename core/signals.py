"""Signals the apps send and higher layers listen to (the page cache, for one).

``content_changed`` is sent by services after writes that send no model signals (bulk creates
and updates, raw SQL, fixture loads), with ``using`` set to the database alias written.
"""

from django.dispatch import Signal

content_changed = Signal()
