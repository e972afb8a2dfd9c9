from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """The Finnish trade register (PRH's open YTJ data): a client, a local mirror and its loader."""

    name = "haastemoottori.registry"
    label = "registry"
    verbose_name = _("Trade register")
