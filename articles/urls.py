from django.urls import path

from articles import views
from articles.feeds import ArticleFeed
from articles.filters import ArticleFilter
from editorial.cache import cached_page

app_name = "articles"

urlpatterns = [
    path(
        "",
        cached_page(views.ArticleListView.as_view(), query=[*ArticleFilter.base_filters, "page"]),
        name="article-list",
    ),
    path("feed/", cached_page(ArticleFeed()), name="feed"),
    path("<slug:slug>/", cached_page(views.ArticleDetailView.as_view()), name="article-detail"),
]
