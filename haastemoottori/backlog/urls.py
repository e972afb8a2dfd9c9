from django.urls import path

from . import views, views_criteria, views_promote, views_scoring

app_name = "backlog"
urlpatterns = [
    path("", views.index, name="index"),
    path("promote/cluster/<int:pk>/", views_promote.promote_cluster, name="promote-cluster"),
    path("promote/signal/<int:pk>/", views_promote.promote_signal, name="promote-signal"),
    path("candidates/<int:pk>/", views.candidate_detail, name="candidate"),
    path("candidates/<int:pk>/publish/", views.candidate_publish, name="candidate-publish"),
    path("candidates/<int:pk>/unpublish/", views.candidate_unpublish, name="candidate-unpublish"),
    path("<slug:city>/", views.city_backlog, name="city"),
    path("<slug:city>/criteria/", views_criteria.criteria, name="criteria"),
    path("<slug:city>/criteria/recommended/", views_criteria.criteria_recommended, name="criteria-recommended"),
    path("<slug:city>/criteria/<int:pk>/", views_criteria.criterion_edit, name="criterion"),
    path("<slug:city>/criteria/<int:pk>/remove/", views_criteria.criterion_remove, name="criterion-remove"),
    path("<slug:city>/compare/", views_scoring.pairwise, name="pairwise"),
    path("<slug:city>/candidates/<int:pk>/score/", views_scoring.score, name="score"),
]
