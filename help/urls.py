from django.urls import path

from editorial.cache import cached_page
from help import views
from help.countries import COUNTRY_PARAMETER
from help.filters import ProviderFilter

app_name = "help"

urlpatterns = [
    path(
        "",
        cached_page(views.ProviderListView.as_view(), query=[*ProviderFilter.base_filters, "page"]),
        name="provider-list",
    ),
    path("request/", views.HelpRequestCreateView.as_view(), name="request-create"),
    path("request/<str:token>/", views.HelpRequestStatusView.as_view(), name="request-status"),
    path("peers/<int:pk>/ask/", views.PeerAskView.as_view(), name="peer-ask"),
    path("peers/answer/<str:token>/", views.PeerAnswerView.as_view(), name="peer-answer"),
    path(
        "<slug:slug>/",
        cached_page(views.ProviderDetailView.as_view(), query=[COUNTRY_PARAMETER]),
        name="provider-detail",
    ),
]
