from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "haastemoottori.privacy"
    label = "privacy"

    def ready(self) -> None:
        # The account itself, the audit trail and Django admin's log: the models below this app.
        from .personal_data import register

        register()
