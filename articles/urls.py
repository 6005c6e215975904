from django.urls import path

from articles import views
from articles.feeds import ArticleFeed

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article-list"),
    path("feed/", ArticleFeed(), name="feed"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
