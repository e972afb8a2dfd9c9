from django.urls import path

from . import views, views_moderation

app_name = "comments"
urlpatterns = [
    path("", views.comment_list, name="list"),
    path("moderation/", views_moderation.moderation, name="moderation"),
    path("comments.csv", views_moderation.comment_export, name="export"),
    path("<int:pk>/report/", views.comment_report_view, name="report"),
    path("<int:pk>/taken-into-account/", views_moderation.take_into_account, name="take-into-account"),
    path("<int:pk>/taken-into-account/undo/", views_moderation.undo_taken_into_account, name="undo-taken"),
    path("<int:pk>/hide/", views_moderation.hide, name="hide"),
    path("<int:pk>/unhide/", views_moderation.unhide, name="unhide"),
    path("reports/<int:pk>/resolve/", views_moderation.resolve_report, name="resolve"),
]
