from django.urls import path

from catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.ToolListView.as_view(), name="tool-list"),
    path("compare/", views.ToolCompareView.as_view(), name="tool-compare"),
    path("<slug:slug>/", views.ToolDetailView.as_view(), name="tool-detail"),
]
