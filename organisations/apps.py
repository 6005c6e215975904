from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Partner organisations")

    def ready(self):
        from editorial import ownership
        from organisations.roles import sync_roles_after_migrate
        from organisations.scoping import is_site_manager, organisation_of

        ownership.configure(is_site_manager=is_site_manager, organisation_of=organisation_of)
        # Once per migrate (post_migrate is sent per app); sync_roles creates every app's permissions itself.
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="organisations.sync_roles")
