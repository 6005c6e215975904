import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the local site administrator with a generated password, shown once."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Generate a new password.")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/", help="The admin address.")

    def handle(self, *args, reset=False, url="http://127.0.0.1:8000/admin/", **options):
        if settings.PRODUCTION:
            raise CommandError(
                "Refusing to create a local admin with DJANGO_ENV=production; use createsuperuser."
            )
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user and not reset:
            self.stdout.write(
                f"Admin: {url} as '{USERNAME}' "
                "(password shown when it was created; `make admin` sets a new one)."
            )
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User(username=USERNAME, is_staff=True, is_superuser=True)
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(f"Admin: {url}  user '{USERNAME}'  password '{password}' (shown once)")
        )
