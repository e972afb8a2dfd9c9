from django.urls import path

from . import views, views_suggestions

app_name = "search"
urlpatterns = [
    path("", views.search, name="search"),
    path("challenges/<slug:slug>/solvers/", views_suggestions.solver_suggestions, name="solver-suggestions"),
    path("challenges/<slug:slug>/similar/", views_suggestions.similar_preview, name="similar-preview"),
    path(
        "organisations/<slug:slug>/challenges/", views_suggestions.challenge_suggestions, name="challenge-suggestions"
    ),
    path("feedback/", views_suggestions.feedback, name="feedback"),
    path("feedback/export/", views_suggestions.feedback_export, name="feedback-export"),
]
