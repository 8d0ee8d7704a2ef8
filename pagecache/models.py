"""Versions of what public pages show: one sequence, and the version of each record and list.

Every write moves the sequence once (``ContentVersion``) and stamps the keys it touches
(``RecordVersion``: "person:12", "person.page:12", "list:person", "*" for everything) with the
new sequence number. A cached page remembers the versions of the keys it showed; it is served
while they all stand. Stamps commit in sequence order (the counter row is locked until the
stamping transaction commits), so a process keeps its own copy of the stamps up to date by
reading only those above the last sequence number it saw.
"""

import itertools
import threading
import time

from django.conf import settings
from django.db import connections, models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

EVERYTHING = "*"  # a key every page depends on: bulk writes that say nothing of what they wrote
ANY_WRITE = "any"  # stamped by every write: pages whose view says nothing of what they show


class ContentVersionManager(models.Manager):
    # Per database: {"seen": last sequence read, "at": time.monotonic() of the read, "keys":
    # {key: version}, "generation": a number that changes whenever "keys" does, in this process,
    # so a page found standing need not be checked again until then}.
    # ANNALS_CONTENT_VERSION_TTL bounds how long another worker process may go on serving pages
    # of records it changed; this process's own writes are seen at once.
    _memo = {}
    _lock = threading.Lock()
    _generations = itertools.count(1)

    def current(self):
        """Return the archive's content sequence (0 before anything was published)."""
        return self._synced()["seen"]

    def versions(self):
        """Return {key: version} of every stamped key (a key never stamped is at 0), kept fresh."""
        return self._synced()["keys"]

    def state(self):
        """Return (sequence, {key: version}, generation) read together."""
        memo = self._synced()
        return memo["seen"], memo["keys"], memo["generation"]

    def _synced(self):
        ttl = settings.ANNALS_CONTENT_VERSION_TTL
        memo = self._memo.get(self.db)
        now = time.monotonic()
        if memo and ttl > 0 and now - memo["at"] < ttl:
            return memo
        with self._lock:
            memo = self._memo.get(self.db) or {"seen": -1, "at": 0.0, "keys": {}, "generation": 0}
            sequence, rows = self._read_since(memo["seen"])
            if sequence < memo["seen"]:  # the database went back (a restore, a test's rollback)
                memo = {"seen": -1, "at": 0.0, "keys": {}, "generation": 0}
                sequence, rows = self._read_since(-1)
            keys = {**memo["keys"], **dict(rows)} if rows or not memo["generation"] else memo["keys"]
            generation = next(self._generations) if keys is not memo["keys"] else memo["generation"]
            memo = {"seen": sequence, "at": now, "keys": keys, "generation": generation}
            self._memo[self.db] = memo
        return memo

    def _read_since(self, seen):
        """Return the sequence and the (key, version) stamped above seen, in one query."""
        # Plain SQL: building the ORM query would cost more than running it.
        connection = connections[self.db]
        quote = connection.ops.quote_name
        stamps, counter = quote(RecordVersion._meta.db_table), quote(self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('key')}, version FROM {stamps} WHERE version > %s"
                f" UNION ALL SELECT NULL, version FROM {counter} WHERE id = 1",
                [seen],
            )
            rows = cursor.fetchall()
        sequence = next((version for key, version in rows if key is None), 0)
        return sequence, [(key, version) for key, version in rows if key is not None and version <= sequence]

    def bump(self, keys=(EVERYTHING,)):
        """Move the sequence on and stamp keys with it: the pages that showed them are redrawn."""
        keys = {*(keys or {EVERYTHING}), ANY_WRITE}
        with transaction.atomic(using=self.db):
            if not self.filter(pk=1).update(version=F("version") + 1):
                self.get_or_create(pk=1, defaults={"version": 1})
            version = self.filter(pk=1).values_list("version", flat=True).get()
            RecordVersion.objects.using(self.db).bulk_create(
                [RecordVersion(key=key, version=version) for key in sorted(keys)],
                update_conflicts=True,
                unique_fields=["key"],
                update_fields=["version"],
            )
        memo = self._memo.get(self.db)
        if memo:
            memo["at"] = 0.0  # read again at the next page: this process sees its writes at once
        return version


class ContentVersion(models.Model):
    """The sequence every write moves once; ``RecordVersion`` rows carry its value per key."""

    version = models.PositiveBigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ContentVersionManager()

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"v{self.version}"


class RecordVersion(models.Model):
    """The sequence number of the last write touching what a key names ("person:12", "list:event")."""

    key = models.CharField(_("key"), max_length=120, unique=True)
    version = models.PositiveBigIntegerField(_("version"), db_index=True)

    class Meta:
        verbose_name = _("record version")
        verbose_name_plural = _("record versions")

    def __str__(self):
        return f"{self.key} v{self.version}"
