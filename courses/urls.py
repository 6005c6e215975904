from django.urls import path

from courses import views
from courses.filters import CourseFilter
from editorial.cache import cached_page

app_name = "courses"

urlpatterns = [
    path(
        "",
        cached_page(views.CourseListView.as_view(), query=[*CourseFilter.base_filters, "page"]),
        name="course-list",
    ),
    path("<slug:slug>/", cached_page(views.CourseDetailView.as_view()), name="course-detail"),
    path(
        "<slug:course_slug>/<slug:slug>/", cached_page(views.LessonDetailView.as_view()), name="lesson-detail"
    ),
    path(
        "<slug:course_slug>/<slug:lesson_slug>/files/<int:pk>/<str:filename>",
        views.AttachmentDownloadView.as_view(),
        name="attachment-download",
    ),
]
