"""The public page cache: what public pages cost and when they change.

It only listens: writes anywhere send Django's model signals (or, for bulk writes, the
``core.signals.content_changed`` signal), and this app moves the content version that keys the
cached pages. Remove it from INSTALLED_APPS and MIDDLEWARE and the site works the same, uncached.
"""
