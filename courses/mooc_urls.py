from django.urls import path

from courses import views
from editorial.cache import cached_page

app_name = "mooc"

urlpatterns = [
    path("", cached_page(views.MoocView.as_view()), name="index"),
    path("go/", views.MoocRedirectView.as_view(), name="go"),
]
