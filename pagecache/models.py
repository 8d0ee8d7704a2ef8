"""The content version: one counter that moves whenever public content may have changed."""

import time

from django.conf import settings
from django.db import connections, models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class ContentVersionManager(models.Manager):
    # The last version read, per database, and when (time.monotonic()): a cached public page
    # then costs no query at all. ANNALS_CONTENT_VERSION_TTL bounds how long another worker
    # process may go on serving the pages of the previous version; this process's own bumps
    # are seen at once.
    _memo = {}

    def current(self):
        """Return the archive's content version (0 before anything was published)."""
        ttl = settings.ANNALS_CONTENT_VERSION_TTL
        seen = self._memo.get(self.db)
        now = time.monotonic()
        if ttl > 0 and seen and now - seen[1] < ttl:
            return seen[0]
        version = self._read()
        self._memo[self.db] = (version, now)
        return version

    def _read(self):
        # Plain SQL: building the ORM query would cost more than running it.
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT version FROM {connection.ops.quote_name(self.model._meta.db_table)} WHERE id = 1"
            )
            row = cursor.fetchone()
        return row[0] if row else 0

    def bump(self):
        """Move the content version on, so every cached public page is rendered afresh."""
        if not self.filter(pk=1).update(version=F("version") + 1):
            self.get_or_create(pk=1, defaults={"version": 1})
        self._memo.pop(self.db, None)


class ContentVersion(models.Model):
    """One counter that moves whenever public content may have changed (the key of cached pages)."""

    version = models.PositiveBigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ContentVersionManager()

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"v{self.version}"
