from django.urls import path

from api import pages

app_name = "open-data"

urlpatterns = [path("", pages.OpenDataView.as_view(), name="index")]
