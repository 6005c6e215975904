"""The article list's filters: the kind of article and the sector it is about."""

from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter

from articles.models import Article
from editorial.filters import LenientFilterSet


class ArticleFilter(LenientFilterSet):
    """``?category=`` and ``?sector=`` slugs; the categories and sectors are passed in (the page lists
    them)."""

    category = ChoiceFilter(field_name="category__slug", label=_("Type of article"))
    sector = ChoiceFilter(field_name="sectors__slug", label=_("Sector"))

    class Meta:
        model = Article
        fields = []

    def __init__(self, data=None, queryset=None, *, categories, sectors, **kwargs):
        self.categories = list(categories)
        self.sectors = list(sectors)
        super().__init__(data, queryset, **kwargs)

    def set_choices(self):
        self.filters["category"].extra["choices"] = [(c.slug, c.name) for c in self.categories]
        self.filters["sector"].extra["choices"] = [(s.slug, s.name) for s in self.sectors]

    def chosen(self, name: str):
        """The category or sector chosen, or None."""
        slug = self.clean_data.get(name)
        options = self.categories if name == "category" else self.sectors
        return next((option for option in options if option.slug == slug), None)
