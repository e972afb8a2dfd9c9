from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.my_proposals, name="mine"),
    path("<uuid:pk>/", views.proposal_detail_view, name="detail"),
    path("<uuid:pk>/edit/", views.proposal_edit, name="edit"),
    path("<uuid:pk>/submit/", views.proposal_submit, name="submit"),
    path("<uuid:pk>/withdraw/", views.proposal_withdraw, name="withdraw"),
    path("<uuid:pk>/partners/", views.partner_add, name="partner-add"),
    path("<uuid:pk>/partners/<int:partner_id>/", views.partner_respond, name="partner"),
    path("<uuid:pk>/partners/<int:partner_id>/remove/", views.partner_remove, name="partner-remove"),
    path("<uuid:pk>/attachments/", views.attachment_upload, name="attachment-upload"),
    path("<uuid:pk>/attachments/<uuid:attachment_id>/", views.attachment_download, name="attachment"),
    path("<uuid:pk>/attachments/<uuid:attachment_id>/delete/", views.attachment_delete, name="attachment-delete"),
]
