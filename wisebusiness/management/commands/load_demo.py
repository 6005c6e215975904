from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: tools refer to organisations, lessons and articles refer to tools.
DEMO_MODULES = ["organisations.demo", "catalogue.demo", "courses.demo", "articles.demo"]


class Command(BaseCommand):
    help = (
        "Load (or update) the demo content of every app. Idempotent: running it twice creates nothing twice."
    )

    def handle(self, *args, **options):
        for module_name in DEMO_MODULES:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            with transaction.atomic():
                summary = module.load()
            self.stdout.write(f"{module_name}: {summary}")
