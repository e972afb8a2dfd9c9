from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "haastemoottori.credentials"
    label = "credentials"
