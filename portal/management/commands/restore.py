from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and media files from an archive made by `manage.py backup`. "
        "Refuses to replace existing data unless --force is given. Stop the portal's "
        "servers first, and run `manage.py migrate` afterwards if the code is newer."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database and overwrite media files that already exist.",
        )
        parser.add_argument("--no-media", action="store_true", help="Restore the database only.")

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(
                options["archive"], force=options["force"], include_media=not options["no_media"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{name}: {count}" for name, count in manifest["counts"].items())
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {manifest['created_at']}")
            + f"\n  database: {manifest['engine']} ({counts})"
            + f"\n  media: {manifest['media']['files']} files"
        )
