"""``manage.py erase_help_personal_data``: keep personal data no longer than promised.

Run it daily (cron or a systemd timer). A help request that is done or closed keeps its
name, address and texts for ``HELP_PERSONAL_DATA_DAYS`` days, then loses them; what the needs
map counts (need, sector, country, language, budget, state, dates) stays. A question to a
peer loses its asker, texts and emails as long after it was asked.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from help.models import HelpRequest, PeerQuestion, retention_period


class Command(BaseCommand):
    help = "Erase the personal data of finished help requests and old questions to peers."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be erased.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        requests = HelpRequest.objects.to_erase(now)
        questions = PeerQuestion.objects.filter(created__lt=now - retention_period(), erased_at__isnull=True)
        if dry_run:
            self.stdout.write(
                f"Would erase {requests.count()} help request(s) "
                f"and {questions.count()} question(s) to peers."
            )
            return
        erased_requests = erased_questions = 0
        for help_request in requests.iterator():
            with transaction.atomic():
                help_request.erase_personal_data()
            erased_requests += 1
        for question in questions.iterator():
            with transaction.atomic():
                question.erase_personal_data()
            erased_questions += 1
        self.stdout.write(
            f"Erased the personal data of {erased_requests} help request(s) "
            f"and {erased_questions} question(s) to peers."
        )
