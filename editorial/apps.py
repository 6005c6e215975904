from django.apps import AppConfig
from django.core.signals import setting_changed
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The ground floor: what every content app builds on (publishing, preview, history, search, ...)."""

    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self):
        from editorial.languages import end_fallbacks_in_the_original_language

        # django-modeltranslation (first in INSTALLED_APPS) has registered every app's fields by now.
        end_fallbacks_in_the_original_language()

        from editorial.search_triggers import install_after_migrate

        # Once per migrate (sender: this app), after every app's migrations have run.
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="editorial-search-triggers")

        from editorial import cache

        # The content version behind the page cache (and anything else kept per version).
        post_save.connect(cache.on_model_saved_or_deleted, dispatch_uid="content-version-save")
        post_delete.connect(cache.on_model_saved_or_deleted, dispatch_uid="content-version-delete")
        m2m_changed.connect(cache.on_many_to_many_changed, dispatch_uid="content-version-m2m")
        post_migrate.connect(cache.on_migrated, sender=self, dispatch_uid="content-version-migrate")
        setting_changed.connect(cache.forget_resolved_paths, dispatch_uid="page-cache-urlconf")
