from django.conf import settings
from django.urls import translate_url

from .i18n import current_language


def site(request):
    """Site name and the alternate-language links of the current page (language switch, hreflang)."""
    path = request.get_full_path()
    alternates = []
    for code, name in settings.LANGUAGES:
        alternates.append({"code": code, "name": name, "url": translate_url(path, code)})
    return {
        "site_name": settings.SITE_NAME,
        "language_alternates": alternates,
        "current_language": current_language(),
    }
