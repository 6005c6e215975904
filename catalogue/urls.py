from django.urls import path

from catalogue import views

app_name = "catalogue"

# The pages of their own come before "<slug>/": their names are reserved (catalogue.validators).
urlpatterns = [
    path("", views.ToolListView.as_view(), name="tool-list"),
    path("counts/", views.ToolCountsView.as_view(), name="tool-counts"),
    path("compare/", views.ToolCompareView.as_view(), name="tool-compare"),
    path("shortlist/", views.ShortlistView.as_view(), name="shortlist"),
    path("start/", views.FinderView.as_view(), name="finder"),
    path("<slug:slug>/", views.ToolDetailView.as_view(), name="tool-detail"),
    path("<slug:slug>/report/", views.ReportOutdatedView.as_view(), name="tool-report"),
    path("<slug:slug>/card.png", views.ToolCardView.as_view(), name="tool-card"),
]
