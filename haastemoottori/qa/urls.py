from django.urls import path

from . import views, views_manage

app_name = "qa"
urlpatterns = [
    path("", views.question_log, name="log"),
    path("ask/", views.question_ask_view, name="ask"),
    path("questions.csv", views.question_export_csv, name="export-csv"),
    path("questions.json", views.question_export_json, name="export-json"),
    path("manage/", views_manage.question_manage, name="manage"),
    path("clarify/", views_manage.clarification_publish_view, name="clarify"),
    path("deadline/", views_manage.questions_deadline_view, name="deadline"),
    path("<int:pk>/publish/", views_manage.question_publish_view, name="publish"),
    path("<int:pk>/merge/", views_manage.question_merge_view, name="merge"),
    path("<int:pk>/decline/", views_manage.question_decline_view, name="decline"),
]
