from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from articles.models import Article, Category
from editorial.admin import PartnerContentAdmin


@admin.register(Category)
class CategoryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Article)
class ArticleAdmin(PartnerContentAdmin, TabbedTranslationAdmin):
    """Partner editors see and change their own organisation's articles, with history and drafts."""

    list_display = ["title", "category", "status", "published_at", "organisation", "author_name"]
    list_filter = ["category", "status", "organisation", "sectors"]
    list_select_related = ["category", "organisation"]
    search_fields = ["title", "summary", "slug", "author_name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["tools", "sectors"]
    prepopulated_fields = {"slug": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "original_language", "summary", "body"]}),
        (
            _("Publication"),
            {
                "fields": ["status", "published_at", "category", "author_name", "organisation"],
                "description": _(
                    "A scheduled or published article is shown from its publication date on; "
                    "a draft is never shown."
                ),
            },
        ),
        (_("Image"), {"fields": ["hero_image", "hero_alt"]}),
        (_("Related"), {"fields": ["tools", "sectors"]}),
    ]
