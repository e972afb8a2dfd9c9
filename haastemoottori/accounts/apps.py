from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "haastemoottori.accounts"
    label = "accounts"

    def ready(self) -> None:
        # A login lockout (django-axes) is audited on the account it names.
        from axes.signals import user_locked_out

        from .lockout import on_user_locked_out

        user_locked_out.connect(on_user_locked_out, dispatch_uid="accounts_login_locked_out")
