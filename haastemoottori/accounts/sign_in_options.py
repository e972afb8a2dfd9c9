"""Other ways to sign in, shown on the login page below the password form.

Accounts knows nothing of them: an app above it (sso: a city's identity provider) registers a source in its
AppConfig.ready; the login page lists what the sources give for the request.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class SignInOption:
    label: str
    url: str


Source = Callable[[HttpRequest], Iterable[SignInOption]]
_sources: list[Source] = []


def register_sign_in_options(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def sign_in_options(request: HttpRequest) -> list[SignInOption]:
    return [option for source in _sources for option in source(request)]
