"""A password validator for the common Finnish and Swedish passwords that Django's English list misses
(``salasana123``, ``Salasana2026``, ``lösenord123``, ``haastemoottori1``)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WORDS_FILE = Path(__file__).resolve().parent / "data" / "common_passwords_fi_sv.txt"
# Digits, punctuation and spaces people put before and after a word ("Salasana2026!", "123kissa").
_AFFIXES = re.compile(r"^[\W\d_]+|[\W\d_]+$")


@cache
def _words(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(_plain(line) for line in lines if line.strip() and not line.startswith("#"))


def _plain(text: str) -> str:
    return "".join(text.lower().split())


class LocalCommonPasswordValidator:
    """Refuses a password that is, apart from case, spaces and digits or punctuation added before or after, one
    of the project's common Finnish and Swedish passwords (``accounts/data/common_passwords_fi_sv.txt``: words,
    names, seasons, sports teams, the cities of the region and of Finland) or the site's own name."""

    def __init__(self, words_file: str | Path = WORDS_FILE):
        self.words_file = Path(words_file)

    def _refused(self) -> frozenset[str]:
        return _words(self.words_file) | {_plain(settings.SITE_NAME)}

    def validate(self, password: str, user=None) -> None:
        plain = _plain(password)
        candidates = {plain, _AFFIXES.sub("", plain)}
        if candidates & self._refused():
            raise ValidationError(
                _("This password is too common: it is a common word or name with numbers added."),
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return _("Your password can't be a common word or name with numbers added.")
