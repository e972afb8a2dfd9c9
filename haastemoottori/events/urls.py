from django.urls import path

from . import views, views_manage

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("my/", views.my_events, name="my"),
    path("my/<str:token>.ics", views.my_ics, name="my-feed"),
    path("my/feed/renew/", views.my_feed_renew, name="my-feed-renew"),
    path("new/", views_manage.event_create_view, name="create"),
    path("challenge/<slug:slug>.ics", views.challenge_ics, name="challenge-feed"),
    path("organisation/<slug:slug>.ics", views.organisation_ics, name="organisation-feed"),
    path("<slug:slug>.ics", views.event_ics, name="ics"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.event_register, name="register"),
    path("<slug:slug>/unregister/", views.event_unregister, name="unregister"),
    path("<slug:slug>/edit/", views_manage.event_edit, name="edit"),
    path("<slug:slug>/cancel/", views_manage.event_cancel_view, name="cancel"),
    path("<slug:slug>/participants/", views_manage.event_participants_view, name="participants"),
    path("<slug:slug>/participants.csv", views_manage.event_participants_csv, name="participants-csv"),
]
