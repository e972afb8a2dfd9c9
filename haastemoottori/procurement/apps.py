from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "haastemoottori.procurement"
    label = "procurement"
