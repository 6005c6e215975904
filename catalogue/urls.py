from django.urls import path

from catalogue import views
from catalogue.filters import ToolFilter
from catalogue.finder import Answers
from editorial.cache import cached_page
from editorial.protection import token_free_form

app_name = "catalogue"

# The pages of their own come before "<slug>/": their names are reserved (catalogue.validators).
urlpatterns = [
    path(
        "",
        cached_page(views.ToolListView.as_view(), query=[*ToolFilter.base_filters, "page"]),
        name="tool-list",
    ),
    path(
        "counts/",
        cached_page(views.ToolCountsView.as_view(), query=ToolFilter.base_filters),
        name="tool-counts",
    ),
    path("compare/", cached_page(views.ToolCompareView.as_view(), query=["tools"]), name="tool-compare"),
    path("shortlist/", token_free_form(views.ShortlistView.as_view()), name="shortlist"),
    path("start/", cached_page(views.FinderView.as_view(), query=Answers.NAMES), name="finder"),
    # ?country= orders the page's "who can help" section (help.countries).
    path("<slug:slug>/", cached_page(views.ToolDetailView.as_view(), query=["country"]), name="tool-detail"),
    path("<slug:slug>/report/", token_free_form(views.ReportOutdatedView.as_view()), name="tool-report"),
    path("<slug:slug>/card.png", views.ToolCardView.as_view(), name="tool-card"),
]
