"""Restore a backup written by backup_archive into an empty, freshly migrated database.

All or nothing: the file is loaded in one transaction, and a database that already holds
articles, people, organisations, events or annotations is refused with nothing written.
"""

from django.core.management.base import BaseCommand, CommandError

from archive.services.backup import BackupError, archive_restore


class Command(BaseCommand):
    help = "Load a backup_archive file into an empty, migrated database; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file (.json, .json.gz, .json.bz2 or .json.xz)")

    def handle(self, *args, **options):
        try:
            counts = archive_restore(path=options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except Exception as exc:  # loaddata wraps bad files in many exception types
            raise CommandError(
                f"{options['path']}: not a loadable backup: {str(exc).splitlines()[0]}"
            ) from exc
        if options["verbosity"] >= 1:
            summary = ", ".join(f"{count} {label}" for label, count in counts.items())
            self.stdout.write(f"Restored {summary} from {options['path']}")
