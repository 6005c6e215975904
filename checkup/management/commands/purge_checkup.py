from django.conf import settings
from django.core.management.base import BaseCommand

from checkup.models import Response


class Command(BaseCommand):
    help = (
        "Delete unfinished check-ups untouched for CHECKUP_DRAFT_DAYS days and finished results older "
        "than CHECKUP_RESULT_DAYS days, as the privacy note promises. Run it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--draft-days", type=int, default=settings.CHECKUP_DRAFT_DAYS)
        parser.add_argument("--result-days", type=int, default=settings.CHECKUP_RESULT_DAYS)

    def handle(self, *args, draft_days, result_days, **options):
        drafts, _by_model = Response.objects.abandoned(draft_days).delete()
        results, _by_model = Response.objects.expired(result_days).delete()
        self.stdout.write(f"{drafts} abandoned drafts and {results} expired results deleted.")
