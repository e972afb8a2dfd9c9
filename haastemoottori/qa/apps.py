from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    name = "haastemoottori.qa"
    label = "qa"
    verbose_name = _("Questions and answers")

    def ready(self) -> None:
        from . import guards, rules  # noqa: F401 (registers the permissions)

        guards.register()

        # What it holds about people, for their export and erasure (privacy/registry.py).
        from . import personal_data

        personal_data.register()
