from django.urls import path

from . import views

app_name = "sso"
urlpatterns = [
    path("<slug:slug>/", views.start, name="start"),
]
