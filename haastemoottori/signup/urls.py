from django.urls import path

from . import views, views_invitations

app_name = "signup"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("invitations/<str:token>/", views_invitations.invitation, name="invitation"),
]
