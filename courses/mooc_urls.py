from django.urls import path

from courses import views

app_name = "mooc"

urlpatterns = [
    path("", views.MoocView.as_view(), name="index"),
    path("go/", views.MoocRedirectView.as_view(), name="go"),
]
