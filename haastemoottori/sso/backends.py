"""The authentication backend of sessions that began at a city's identity provider."""

from django.contrib.auth.backends import ModelBackend


class CitySignInBackend(ModelBackend):
    """Loads a person signed in through their city's OpenID Connect provider on later requests. It never
    checks a password (``authenticate`` answers None): the provider did the authenticating, its own second
    factor included, so the session's backend tells the second-factor check (accounts/second_factor.py,
    ``HAASTEMOOTTORI_MFA_EXEMPT_BACKENDS``) not to ask again."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return None
