from django.urls import path

from api import pages
from editorial.cache import cached_page

app_name = "open-data"

urlpatterns = [path("", cached_page(pages.OpenDataView.as_view()), name="index")]
