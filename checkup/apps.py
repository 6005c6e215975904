from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckupConfig(AppConfig):
    name = "checkup"
    verbose_name = _("Digital check-up")
