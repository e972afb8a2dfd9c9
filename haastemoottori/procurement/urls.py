from django.urls import path

from . import views

app_name = "procurement"
urlpatterns = [
    path("", views.procurement_detail, name="detail"),
    path("ocds.json", views.ocds_export, name="ocds"),
    path("edit/", views.procurement_edit, name="edit"),
    path("notices/", views.notice_add_view, name="notice-add"),
    path("notices/<int:pk>/remove/", views.notice_remove_view, name="notice-remove"),
    path("awards/", views.award_add_view, name="award-add"),
    path("contracts/", views.contract_add_view, name="contract-add"),
]
