from django.urls import path

from . import views_assignments, views_owner, views_record

app_name = "evaluation_admin"
urlpatterns = [
    path("", views_owner.overview, name="overview"),
    path("assignments/add/", views_assignments.evaluator_assign, name="assign"),
    path("assignments/<int:pk>/remove/", views_assignments.assignment_remove, name="assignment-remove"),
    path("form/", views_owner.form_configure, name="form"),
    path("form/prefill/", views_owner.form_prefill, name="prefill"),
    path("form/criteria/<int:pk>/delete/", views_owner.criterion_delete, name="criterion-delete"),
    path("results/", views_owner.results, name="results"),
    path("results.csv", views_owner.results_export, name="export"),
    path("proposals/<uuid:pk>/", views_owner.proposal_scores, name="proposal"),
    path("proposals/<uuid:pk>/decide/", views_owner.decide, name="decide"),
    path("scores/<int:pk>/override/", views_owner.score_override, name="override"),
    path("feedback/", views_owner.send_feedback, name="feedback"),
    path("record/", views_record.record, name="record"),
]
