from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A partner organisation (a federation of cooperatives, a university, a regional agency)
    whose editors write and translate the site's content."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO country code, e.g. IT"))
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisations/", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Membership(models.Model):
    """Makes a user an editor of one partner organisation: the content they may see and change
    in the admin is their organisation's. A user without a membership edits nothing scoped,
    unless they are a site manager."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisation")
    )

    class Meta:
        ordering = ["organisation", "user"]
        verbose_name = _("editor membership")
        verbose_name_plural = _("editor memberships")
        permissions = [
            # Held by the site manager role (and implied for superusers): no organisation scoping.
            ("access_all_organisations", _("Can see and edit the content of every organisation")),
        ]

    def __str__(self):
        return f"{self.user} → {self.organisation}"


class TranslationStatus(Organisation):
    """Not data: the admin entry of the translation status page (a proxy, so it has a place in
    the admin index and a view permission that decides who may open the page)."""

    class Meta:
        proxy = True
        verbose_name = _("translation status")
        verbose_name_plural = _("translation status")
        default_permissions = ("view",)
