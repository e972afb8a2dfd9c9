"""The fixed choices of a solver profile: solution maturity (TRL) in plain words and the languages served."""

from django.conf import settings
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

# Technology readiness levels as the EU defines them, said plainly for a city reader.
TRL_LABELS = {
    1: _("Idea: the basic principles are known"),
    2: _("Concept: the solution has been worked out on paper"),
    3: _("Proof of concept: the key parts work in experiments"),
    4: _("Tested in a laboratory"),
    5: _("Tested in conditions close to real use"),
    6: _("Demonstrated in conditions close to real use"),
    7: _("Prototype demonstrated in real use"),
    8: _("Complete and qualified for use"),
    9: _("Proven in real use"),
}

# Languages a company may serve its customers in: the site's languages first, then languages widely
# spoken in the region. Names come translated from Django's own catalogue.
EXTRA_SERVICE_LANGUAGES = ("et", "ru", "uk", "ar", "so", "fa", "tr", "de", "fr", "es", "zh-hans")
# Languages Django's catalogue has no name for.
_OWN_NAMES = {"so": _("Somali")}


def trl_label(level: int | None) -> str:
    if level not in TRL_LABELS:
        return ""
    return f"{level} – {TRL_LABELS[level]}"


def trl_choices() -> list[tuple[int, str]]:
    return [(level, trl_label(level)) for level in TRL_LABELS]


def service_language_codes() -> list[str]:
    site = [code for code, _name in settings.LANGUAGES]
    return [*site, *(c for c in EXTRA_SERVICE_LANGUAGES if c not in site)]


# Languages that write the names of languages in lower case (Django's catalogue is not consistent).
_LOWER_CASE_NAMES = ("fi", "sv", "et")


def service_language_name(code: str) -> str:
    if code in _OWN_NAMES:
        name = str(_OWN_NAMES[code])
    else:
        try:
            name = str(get_language_info(code)["name_translated"])
        except KeyError:
            return code
    return name.lower() if (get_language() or "").split("-")[0] in _LOWER_CASE_NAMES else name


def service_language_choices() -> list[tuple[str, str]]:
    return [(code, service_language_name(code)) for code in service_language_codes()]
