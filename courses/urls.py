from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("", views.CourseListView.as_view(), name="course-list"),
    path("<slug:slug>/", views.CourseDetailView.as_view(), name="course-detail"),
    path("<slug:course_slug>/<slug:slug>/", views.LessonDetailView.as_view(), name="lesson-detail"),
    path(
        "<slug:course_slug>/<slug:lesson_slug>/files/<int:pk>/<str:filename>",
        views.AttachmentDownloadView.as_view(),
        name="attachment-download",
    ),
]
