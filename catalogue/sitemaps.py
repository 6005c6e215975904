from catalogue.models import Tool
from editorial.sitemaps import TranslatedSitemap


class ToolSitemap(TranslatedSitemap):
    """Every published tool, in every language."""

    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Tool.objects.published().only("slug", "updated").order_by("slug")

    def lastmod(self, tool):
        return tool.updated


sitemaps = {"tools": ToolSitemap}
