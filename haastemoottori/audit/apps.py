from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class AuditConfig(AppConfig):
    name = "haastemoottori.audit"
    label = "audit"

    def ready(self) -> None:
        from .models import AuditEvent
        from .registry import register_actions

        # The registry of audit actions: the generic ones and every app's audit_actions.py.
        register_actions(AuditEvent.Action)
        autodiscover_modules("audit_actions")
