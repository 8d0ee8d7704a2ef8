"""Back up the whole archive (sources, records, annotations, users, groups) to a JSON file.

Foreign keys are written as natural keys (slugs, user names, permission code names), so the
file loads into any freshly migrated database with ``restore_archive``. A name ending in .gz,
.bz2 or .xz is compressed. History tables are included with ``--with-history``.
"""

from django.core.management.base import BaseCommand, CommandError

from archive.services.backup import BackupError, archive_backup, archive_counts


class Command(BaseCommand):
    help = "Write the whole archive to PATH (.json, .json.gz, .json.bz2 or .json.xz) with natural keys."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file to write, e.g. var/backups/annals.json.gz")
        parser.add_argument(
            "--with-history",
            action="store_true",
            help="include the change history (the simple-history tables)",
        )

    def handle(self, *args, **options):
        try:
            path = archive_backup(path=options["path"], with_history=options["with_history"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"cannot write {options['path']}: {exc.strerror or exc}") from exc
        if options["verbosity"] >= 1:
            counts = ", ".join(f"{count} {label}" for label, count in archive_counts().items())
            self.stdout.write(f"Backed up {counts} to {path} (SHA-256 in {path}.sha256)")
