from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "haastemoottori.audit"
    label = "audit"
