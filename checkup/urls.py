from django.urls import path

from checkup import views

app_name = "checkup"

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("step/<int:number>/", views.StepView.as_view(), name="step"),
    path("r/<str:token>/", views.ResultView.as_view(), name="result-detail"),
    path("r/<str:token>/retake/", views.RetakeView.as_view(), name="result-retake"),
    path("r/<str:token>/delete/", views.DeleteView.as_view(), name="result-delete"),
    path("r/<str:token>/email/", views.EmailView.as_view(), name="result-email"),
]
