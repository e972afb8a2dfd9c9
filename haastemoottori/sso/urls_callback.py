# The callback has no language prefix: a city registers one fixed redirect URI (docs/identity-sso.md).
from django.urls import path

from . import views

app_name = "sso_callback"
urlpatterns = [
    path("<slug:slug>/callback/", views.callback, name="callback"),
]
