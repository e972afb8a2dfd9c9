from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    """Recommendations, similar challenges, suggested solvers and the search page: challenges and
    organisations read through the search engine."""

    name = "haastemoottori.discovery"
    label = "discovery"
    verbose_name = _("Discovery and matching")

    def ready(self) -> None:
        # What it holds about people, for their export and erasure (privacy/registry.py).
        from . import personal_data

        personal_data.register()
