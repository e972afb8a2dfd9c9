from django.apps import AppConfig


class ReferencesConfig(AppConfig):
    name = "haastemoottori.references"
    label = "references"

    def ready(self) -> None:
        # What it holds about people, for their export and erasure (privacy/registry.py).
        from . import personal_data

        personal_data.register()
