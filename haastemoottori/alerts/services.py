from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceValidationError

from .models import Follow


@transaction.atomic
def challenge_follow(*, actor, challenge, follow: bool) -> bool:
    """Start or stop following a public challenge. Returns whether the user now follows it."""
    if not challenge.is_public:
        raise ServiceValidationError("not_public", _("Only a published challenge can be followed."))
    existing = Follow.objects.filter(user=actor, challenge=challenge)
    if follow and not existing.exists():
        try:
            with transaction.atomic():
                Follow.objects.create(user=actor, challenge=challenge)
        except IntegrityError:
            return True  # followed in a parallel request
        audit_record(actor=actor, action=AuditEvent.Action.FOLLOWED, target=challenge)
    elif not follow and existing.exists():
        existing.delete()
        audit_record(actor=actor, action=AuditEvent.Action.UNFOLLOWED, target=challenge)
    return follow
