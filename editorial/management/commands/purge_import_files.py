"""Delete uploaded import files that were never confirmed (or whose confirmation failed).

Between the dry run and the confirmation, an import file waits in the private "import_export"
storage (settings.STORAGES); a confirmed import removes it, an abandoned one stays. Run this
daily (deploy/systemd/wisebusiness-purge.timer): files older than ``--hours`` go.
"""

from datetime import timedelta

from django.core.files.storage import storages
from django.core.management.base import BaseCommand
from django.utils import timezone

IMPORT_FOLDER = "django-import-export"  # import_export.tmp_storages.MediaStorage's folder


def purge_import_files(older_than: timedelta) -> int:
    """Delete the import files older than ``older_than``; return how many went."""
    storage = storages["import_export"]
    try:
        _folders, names = storage.listdir(IMPORT_FOLDER)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - older_than
    deleted = 0
    for name in names:
        path = f"{IMPORT_FOLDER}/{name}"
        if storage.get_modified_time(path) < cutoff:
            storage.delete(path)
            deleted += 1
    return deleted


class Command(BaseCommand):
    help = "Delete uploaded import files that were never confirmed."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="Keep younger files (default 24).")

    def handle(self, *args, hours, **options):
        deleted = purge_import_files(timedelta(hours=hours))
        self.stdout.write(f"Deleted {deleted} unconfirmed import file(s).")
