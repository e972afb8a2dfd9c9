from django.urls import path

from . import views, views_consultation, views_records

app_name = "procurement"
urlpatterns = [
    path("", views.procurement_detail, name="detail"),
    path("ocds.json", views.ocds_export, name="ocds"),
    path("edit/", views.procurement_edit, name="edit"),
    path("notices/", views.notice_add_view, name="notice-add"),
    path("notices/import/", views.notice_import_view, name="notice-import"),
    path("notices/hilma/", views.notice_hilma_view, name="notice-hilma"),
    path("consultation.xml", views_consultation.consultation_notice, name="consultation-notice"),
    path("notices/<int:pk>/remove/", views_records.notice_remove_view, name="notice-remove"),
    path("awards/", views.award_add_view, name="award-add"),
    path("awards/<int:pk>/edit/", views_records.award_edit, name="award-edit"),
    path("awards/<int:pk>/delete/", views_records.award_delete, name="award-delete"),
    path("contracts/", views.contract_add_view, name="contract-add"),
    path("contracts/<int:pk>/edit/", views_records.contract_edit, name="contract-edit"),
    path("contracts/<int:pk>/delete/", views_records.contract_delete, name="contract-delete"),
]
