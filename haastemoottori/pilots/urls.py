from django.urls import path

from . import views, views_requests, views_staff, views_tracking

app_name = "pilots"
urlpatterns = [
    path("", views.pilot_list, name="list"),
    path("<int:pk>/", views.pilot_detail, name="detail"),
    path("adopt/<slug:slug>/", views.challenge_adopt_view, name="adopt"),
    path("challenge/<slug:slug>/", views_staff.challenge_pilots, name="challenge"),
    path("new/<uuid:proposal_id>/", views_staff.pilot_create_view, name="create"),
    path("<int:pk>/edit/", views_staff.pilot_edit, name="edit"),
    path("<int:pk>/manage/", views_staff.pilot_manage, name="manage"),
    path("<int:pk>/kpis/", views_staff.kpi_add_view, name="kpi-add"),
    path("<int:pk>/kpis/<int:kpi_id>/edit/", views_tracking.kpi_edit, name="kpi-edit"),
    path("<int:pk>/kpis/<int:kpi_id>/delete/", views_tracking.kpi_delete, name="kpi-delete"),
    path("<int:pk>/kpis/<int:kpi_id>/measurements/", views_staff.measurement_add_view, name="measurement-add"),
    path("<int:pk>/milestones/", views_staff.milestone_add_view, name="milestone-add"),
    path("<int:pk>/milestones/<int:milestone_id>/done/", views_staff.milestone_done_view, name="milestone-done"),
    path("<int:pk>/milestones/<int:milestone_id>/edit/", views_tracking.milestone_edit, name="milestone-edit"),
    path("<int:pk>/milestones/<int:milestone_id>/delete/", views_tracking.milestone_delete, name="milestone-delete"),
    path("<int:pk>/check-in/", views_staff.check_in_view, name="check-in"),
    path("<int:pk>/results/", views_staff.results_view, name="results"),
    # requests to pilot on a development platform, and the platform's calendar of approved pilots
    path("platform/<slug:slug>/request/", views_requests.request_create, name="request-create"),
    path("platform/<slug:slug>/calendar/", views_requests.platform_calendar, name="platform-calendar"),
    path("platform/<slug:slug>/calendar.ics", views_requests.platform_feed, name="platform-feed"),
    path("requests/", views_requests.request_list, name="requests"),
    path("requests/<uuid:request_id>/", views_requests.request_detail, name="request-detail"),
    path("requests/<uuid:request_id>/ask/", views_requests.request_ask, name="request-ask"),
    path("requests/<uuid:request_id>/answer/", views_requests.request_answer, name="request-answer"),
    path("requests/<uuid:request_id>/approve/", views_requests.request_approve, name="request-approve"),
    path("requests/<uuid:request_id>/decline/", views_requests.request_decline, name="request-decline"),
    path("requests/<uuid:request_id>/withdraw/", views_requests.request_withdraw, name="request-withdraw"),
]
