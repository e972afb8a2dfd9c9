from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "haastemoottori.alerts"
    label = "alerts"
