from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site's own pages (home, accessibility statement, privacy notice): an assembler on top of
    the domain apps."""

    name = "haastemoottori.site"
    label = "site"
    verbose_name = _("Site pages")
