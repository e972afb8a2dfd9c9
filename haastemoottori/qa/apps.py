from django.apps import AppConfig


class QaConfig(AppConfig):
    name = "haastemoottori.qa"
    label = "qa"
