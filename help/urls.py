from django.urls import path

from help import views

app_name = "help"

urlpatterns = [
    path("", views.ProviderListView.as_view(), name="provider-list"),
    path("request/", views.HelpRequestCreateView.as_view(), name="request-create"),
    path("request/<str:token>/", views.HelpRequestStatusView.as_view(), name="request-status"),
    path("peers/<int:pk>/ask/", views.PeerAskView.as_view(), name="peer-ask"),
    path("peers/answer/<str:token>/", views.PeerAnswerView.as_view(), name="peer-answer"),
    path("<slug:slug>/", views.ProviderDetailView.as_view(), name="provider-detail"),
]
