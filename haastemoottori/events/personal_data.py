"""Events and registrations for the export and erasure of personal data (privacy/registry.py). A seat at an
upcoming event is cancelled first, so the next person on the waiting list gets it."""

from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.core.errors import ServiceError
from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import Event, Registration
from .services import registration_cancel


def _cancel_upcoming(user: User) -> None:
    for registration in Registration.objects.active().filter(user=user, event__starts_at__gt=timezone.now()):
        try:
            registration_cancel(actor=user, event=registration.event)
        except ServiceError:
            continue  # cancelled or started meanwhile: the row is deleted anyway


def register() -> None:
    register_personal_data(Event, fields={"created_by": Erasure.DETACH})
    register_personal_data(Registration, fields={"user": Erasure.DELETE}, eraser=_cancel_upcoming)
