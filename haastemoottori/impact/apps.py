from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "haastemoottori.impact"
    label = "impact"
