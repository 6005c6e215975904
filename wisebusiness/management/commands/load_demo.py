from django.core.management.base import BaseCommand
from django.db import transaction

import articles.demo
import catalogue.demo
import checkup.demo
import courses.demo
import organisations.demo

# Order matters: tools refer to organisations, lessons and articles refer to tools, the check-up to all.
DEMO_MODULES = [organisations.demo, catalogue.demo, courses.demo, articles.demo, checkup.demo]


class Command(BaseCommand):
    help = (
        "Load (or update) the demo content of every app. Idempotent: running it twice creates nothing twice."
    )

    def handle(self, *args, **options):
        for module in DEMO_MODULES:
            with transaction.atomic():
                summary = module.load()
            self.stdout.write(f"{module.__name__}: {summary}")
