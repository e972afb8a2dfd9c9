from django.urls import path

from . import views, views_workspace

app_name = "challenges"
urlpatterns = [
    path("", views.challenge_list, name="list"),
    path("workspace/", views_workspace.workspace, name="workspace"),
    path("new/", views_workspace.challenge_create_view, name="create"),
    path("<slug:slug>/", views.challenge_detail, name="detail"),
    path("<slug:slug>/manage/", views_workspace.challenge_manage, name="manage"),
    path("<slug:slug>/edit/", views_workspace.challenge_edit, name="edit"),
    path("<slug:slug>/readiness/", views_workspace.challenge_readiness_preview, name="readiness"),
    path("<slug:slug>/approve/", views_workspace.challenge_approval, name="approve"),
    path("<slug:slug>/owners/", views_workspace.challenge_owner_add, name="owner-add"),
    path("<slug:slug>/transition/", views_workspace.challenge_transition_view, name="transition"),
]
