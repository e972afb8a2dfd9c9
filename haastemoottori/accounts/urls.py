from django.contrib.auth import views as auth_views
from django.urls import path

from . import views, views_security

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("security/", views_security.security, name="security"),
    path("security/authenticator-app/", views_security.security_totp, name="security_totp"),
    path("security/verify/", views_security.security_verify, name="security_verify"),
    path("security/recovery-codes/", views_security.security_recovery_codes, name="security_recovery_codes"),
    path("security/remove/", views_security.security_remove, name="security_remove"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password-reset/done/", views.password_reset_complete, name="password_reset_complete"),
]
