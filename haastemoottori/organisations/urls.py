from django.urls import path

from . import views, views_members, views_profile, views_suomifi, views_verification

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("verification/", views_verification.queue, name="verification"),
    path("verification/suomifi/callback/", views_suomifi.callback, name="suomifi-callback"),
    path("verification/disputes/<int:pk>/", views_verification.dispute_decide, name="dispute-decide"),
    path("verification/<slug:slug>/", views_verification.decide, name="verification-decide"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/suomifi/", views_suomifi.start, name="suomifi-start"),
    path("<slug:slug>/team/", views_members.team, name="team"),
    path("<slug:slug>/team/invite/", views_members.invite, name="invite"),
    path("<slug:slug>/team/invitations/<int:pk>/revoke/", views_members.invitation_revoke, name="invitation-revoke"),
    path("<slug:slug>/team/requests/<int:pk>/", views_members.join_request_decide, name="join-request-decide"),
    path("<slug:slug>/profile/", views_profile.profile_edit, name="profile"),
    path("<slug:slug>/references/new/", views_profile.reference_create, name="reference-create"),
    path("<slug:slug>/references/<int:pk>/", views_profile.reference_edit, name="reference-edit"),
    path("<slug:slug>/references/<int:pk>/delete/", views_profile.reference_delete, name="reference-delete"),
]
