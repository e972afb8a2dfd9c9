from django.db.models import Model, QuerySet

from .models import AuditEvent


def audit_events_for(*, target: Model, public_only: bool) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.for_object(target).select_related("actor")
    return events.public() if public_only else events
