"""``/api/v1/``: the API, its schema and documentation, and the exports (outside the language prefix)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from api import docs, export_views, views

app_name = "api"

router = SimpleRouter()
router.register("tools", views.ToolViewSet, basename="tool")
router.register("sectors", views.SectorViewSet, basename="sector")
router.register("needs", views.NeedViewSet, basename="need")
router.register("courses", views.CourseViewSet, basename="course")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("providers", views.ProviderViewSet, basename="provider")

urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    path("checkup/questionnaire/", views.QuestionnaireView.as_view(), name="checkup-questionnaire"),
    path("catalogue.jsonld", export_views.CatalogueDcatView.as_view(), name="export-dcat"),
    path("catalogue.csv", export_views.CatalogueCsvView.as_view(), name="export-csv"),
    path("skos/<str:scheme>.jsonld", export_views.ConceptSchemeView.as_view(), name="export-skos"),
    path(
        "tools/<slug:slug>/publiccode.yml", export_views.ToolPubliccodeView.as_view(), name="tool-publiccode"
    ),
    *router.urls,
]
