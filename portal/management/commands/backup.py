from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from portal.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump or SQLite's online backup) and the media files "
        "into one .tar.gz archive with a manifest of checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Archive file (.tar.gz) or folder; default: PORTAL_BACKUP_DIR or ./backups/",
        )
        parser.add_argument("--no-media", action="store_true", help="Leave the media files out.")

    def handle(self, *args, **options):
        try:
            path, manifest = create_backup(options["output"], include_media=not options["no_media"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{name}: {count}" for name, count in manifest["counts"].items())
        self.stdout.write(
            self.style.SUCCESS(f"Backup written: {path}")
            + f"\n  database: {manifest['engine']} ({counts})"
            + f"\n  media: {manifest['media']['files']} files, {filesizeformat(manifest['media']['bytes'])}"
        )
