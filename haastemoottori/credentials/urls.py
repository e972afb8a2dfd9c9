from django.urls import path

from . import views

app_name = "credentials"
urlpatterns = [
    path(".well-known/jwks.json", views.jwks_json, name="jwks"),
    path("credentials/status/<slug:slug>/", views.status_list, name="status-list"),
]
