from django.urls import path
from django.views.generic import TemplateView

app_name = "mooc"

urlpatterns = [
    path("", TemplateView.as_view(template_name="courses/mooc.html"), name="index"),
]
