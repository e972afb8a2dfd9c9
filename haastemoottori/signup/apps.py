from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignupConfig(AppConfig):
    """How people and organisations come in: sign-up with e-mail confirmation, and invitations. It sits above
    accounts (the person) and organisations (what they sign up or are invited to)."""

    name = "haastemoottori.signup"
    label = "signup"
    verbose_name = _("Sign-up")
