from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "haastemoottori.sso"
    label = "sso"
    verbose_name = _("City sign-in (OpenID Connect)")

    def ready(self) -> None:
        # The login page (accounts, a lower layer) lists one button per enabled city identity provider.
        from haastemoottori.accounts.sign_in_options import register_sign_in_options

        from .selectors import sign_in_buttons

        register_sign_in_options(sign_in_buttons)

        from . import personal_data

        personal_data.register()
