from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpConfig(AppConfig):
    name = "help"
    verbose_name = _("Help from people")

    def ready(self):
        from checkup.plan import register_helper_source
        from help import checkup_link, sections

        sections.register_tool_page_sections()
        # "Who can help nearby" on every check-up result.
        register_helper_source(checkup_link.helpers)
