from django.urls import path

from . import views_gdpr

app_name = "gdpr_api"
urlpatterns = [path("v1/profiles/<uuid:subject>", views_gdpr.profile_gdpr, name="profile")]
