from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "haastemoottori.signals"
    label = "signals"
