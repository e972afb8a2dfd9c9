"""django-otp-webauthn's ceremony endpoints (JSON, called by its scripts), under the namespace its scripts and
template tags expect. Completing a registration or a verification also audits and dates it (services_mfa,
second_factor). Passwordless sign-in is off (settings: OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN)."""

import json

from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views
from django_otp_webauthn.models import WebAuthnCredential

from . import services_mfa
from .second_factor import mark_verified

app_name = "otp_webauthn"


class CompleteRegistration(views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            device_id = json.loads(response.content).get("id")
            device = WebAuthnCredential.objects.filter(user=self.request.user, pk=device_id).first()
            if device is not None:
                services_mfa.passkey_added(actor=self.request.user, device=device)
                mark_verified(self.request)
        return response


class CompleteAuthentication(views.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        super().complete_auth(device)
        mark_verified(self.request)


urlpatterns = [
    path(
        "registration/begin/",
        views.BeginCredentialRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path("registration/complete/", CompleteRegistration.as_view(), name="credential-registration-complete"),
    path(
        "authentication/begin/",
        views.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path("authentication/complete/", CompleteAuthentication.as_view(), name="credential-authentication-complete"),
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]
