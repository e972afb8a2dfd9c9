from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "haastemoottori.core"
    label = "core"

    def ready(self) -> None:
        from . import lookups

        lookups.register()
