from django.urls import path

from . import views_call

app_name = "calls"
urlpatterns = [
    path("", views_call.call_detail, name="detail"),
    path("configure/", views_call.call_configure, name="configure"),
    path("criteria/", views_call.criterion_add, name="criterion-add"),
    path("criteria/<int:pk>/delete/", views_call.criterion_delete, name="criterion-delete"),
    path("questions/", views_call.question_add, name="question-add"),
    path("questions/<int:pk>/delete/", views_call.question_delete, name="question-delete"),
    path("start/", views_call.proposal_start, name="start"),
    path("proposals/", views_call.proposal_list, name="proposals"),
    path("proposals.csv", views_call.proposal_export, name="export"),
    path("summaries/", views_call.summaries, name="summaries"),
]
