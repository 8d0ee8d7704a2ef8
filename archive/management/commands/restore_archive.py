"""Restore a backup written by backup_archive into an empty, freshly migrated database.

All or nothing: the file is loaded in one transaction, and a database that already holds
articles, people, organisations, events or annotations is refused with nothing written. The
file is refused, with nothing written, when its ``.sha256`` (if present) does not match, when it
inflates past ANNALS_MAX_BACKUP_BYTES, is empty, holds records no backup holds, grants
superuser (unless --allow-superusers), or loads an annotation not at its offsets or a URL that
is not http(s).
"""

from django.core.management.base import BaseCommand, CommandError

from archive.services.backup import BackupError, archive_restore


class Command(BaseCommand):
    help = "Load a backup_archive file into an empty, migrated database; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file (.json, .json.gz, .json.bz2 or .json.xz)")
        parser.add_argument(
            "--allow-superusers",
            action="store_true",
            help="restore the backup's superusers too (only for a backup you wrote yourself)",
        )

    def handle(self, *args, **options):
        try:
            counts = archive_restore(path=options["path"], allow_superusers=options["allow_superusers"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except Exception as exc:  # loaddata wraps bad files in many exception types
            raise CommandError(
                f"{options['path']}: not a loadable backup: {str(exc).splitlines()[0]}"
            ) from exc
        if options["verbosity"] >= 1:
            summary = ", ".join(f"{count} {label}" for label, count in counts.items())
            self.stdout.write(f"Restored {summary} from {options['path']}")
