from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "haastemoottori.alerts"
    label = "alerts"

    def ready(self) -> None:
        # What it holds about people, for their export and erasure (privacy/registry.py).
        from . import personal_data

        personal_data.register()
