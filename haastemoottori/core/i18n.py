"""Translated content stored as JSON keyed by language code.

A translated text is a dict such as ``{"fi": "...", "sv": "..."}``. The set of languages comes from
``settings.LANGUAGES`` only, so a deployment adds a language without a schema change. Each record
that carries translated texts also records its ``original_language``; a missing translation falls
back to the original and the caller is told, so pages can mark the text with ``lang`` and a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .errors import CommonCode, ErrorCodeEnum, ServiceValidationError, code_of


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


# Page languages whose rules write a language's name with a capital in running text ("in Finnish"); Finnish
# and Swedish write it in lower case ("suomeksi", "på finska").
CAPITALISED_LANGUAGE_NAMES = frozenset({"en"})


def language_name_in_text(code: str) -> str:
    """A language's name as written inside a sentence of the page's language: "Finnish", "suomi", "finska"."""
    name = language_name(code)
    if current_language() in CAPITALISED_LANGUAGE_NAMES:
        return name[:1].upper() + name[1:]
    return name.lower()


def current_language() -> str:
    lang = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return lang if lang in language_codes() else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Translated:
    """A text in the language it was found in, with the language that was asked for."""

    text: str
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.requested

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def translate(values: dict[str, str] | None, original: str, language: str | None = None) -> Translated:
    """Pick the text for ``language``, falling back to ``original`` and then to any language."""
    requested = language or current_language()
    values = values or {}
    for code in (requested, original, *language_codes(), *values.keys()):
        text = (values.get(code) or "").strip()
        if text:
            return Translated(text=text, language=code, requested=requested)
    return Translated(text="", language=requested, requested=requested)


def clean_translations(value: Any, *, field_label: str = "") -> dict[str, str]:
    """Validate a translations dict: known language codes, string values; drops blanks."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ValidationError(
            _("%(field)s must be an object keyed by language code."),
            code=CommonCode.INVALID_TRANSLATIONS,
            params={"field": field_label or _("This field")},
        )
    known = set(language_codes())
    cleaned: dict[str, str] = {}
    for code, text in value.items():
        if code not in known:
            raise ValidationError(
                _("Unknown language “%(code)s”; use one of: %(codes)s."),
                code=CommonCode.UNKNOWN_LANGUAGE,
                params={"code": code, "codes": ", ".join(sorted(known))},
            )
        if text is None:
            continue
        if not isinstance(text, str):
            raise ValidationError(_("Each translation must be text."), code=CommonCode.INVALID_TRANSLATIONS)
        if text.strip():
            cleaned[code] = text.strip()
    return cleaned


def service_translations(
    value: Any, *, field: str | None, label: Any = "", code: ErrorCodeEnum | None = None
) -> dict[str, str]:
    """:func:`clean_translations` for services: a :class:`ServiceValidationError` on ``field`` instead of a
    ``ValidationError``. Its code is ``code`` when given, else the check's own (invalid text, unknown language)."""
    try:
        return clean_translations(value, field_label=label)
    except ValidationError as exc:
        raise ServiceValidationError(
            code or code_of(exc, CommonCode.INVALID_TRANSLATIONS), exc.messages[0], field=field
        ) from exc


class TranslationProxy:
    """``obj.t.title`` → :class:`Translated` in the active language (used by templates)."""

    def __init__(self, obj: Any, language: str | None = None) -> None:
        self._obj = obj
        self._language = language

    def __getattr__(self, name: str) -> Translated:
        if name.startswith("_") or name not in getattr(self._obj, "TRANSLATED_FIELDS", ()):
            raise AttributeError(name)
        return translate(getattr(self._obj, name), self._obj.original_language, self._language)


class TranslatableMixin:
    """Mixin for models whose ``TRANSLATED_FIELDS`` are JSON dicts keyed by language code."""

    TRANSLATED_FIELDS: tuple[str, ...] = ()
    original_language: str

    @property
    def t(self) -> TranslationProxy:
        return TranslationProxy(self)

    def translated(self, field: str, language: str | None = None) -> Translated:
        return translate(getattr(self, field), self.original_language, language)

    def missing_languages(self, field: str) -> list[str]:
        values = getattr(self, field) or {}
        return [code for code in language_codes() if not (values.get(code) or "").strip()]
