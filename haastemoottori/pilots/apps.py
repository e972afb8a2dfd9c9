from django.apps import AppConfig


class PilotsConfig(AppConfig):
    name = "haastemoottori.pilots"
    label = "pilots"
