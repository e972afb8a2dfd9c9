from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "haastemoottori.core"
    label = "core"
