"""Reads of pilot references."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet

from haastemoottori.organisations.models import Organisation
from haastemoottori.pilots.models import Pilot, PilotParticipant

from .models import PilotReference

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

# Participants that receive a reference: everyone but the cities (the issuer speaks for the cities).
HOLDER_ROLES = (PilotParticipant.Role.COMPANY, PilotParticipant.Role.RESEARCH, PilotParticipant.Role.OTHER)


def issuable_organisations(pilot: Pilot) -> list[Organisation]:
    """The pilot's participating organisations that may receive a reference."""
    return [p.organisation for p in pilot.participants.select_related("organisation") if p.role in HOLDER_ROLES]


def _with_related() -> QuerySet[PilotReference]:
    return PilotReference.objects.select_related("pilot__challenge", "organisation", "issuer")


def reference_get_visible(*, pk: UUID, user: User) -> PilotReference | None:
    reference = _with_related().filter(pk=pk).first()
    if reference is None or not user.has_perm("references.view_reference", reference):
        return None
    return reference


def reference_get(*, pk: UUID) -> PilotReference | None:
    """Any reference by its id (the verify page: whoever has the id may verify it)."""
    return _with_related().filter(pk=pk).first()


def references_of_organisation(*, organisation: Organisation, user: User) -> list[PilotReference]:
    """The organisation's references the user may see: all of them for its members, else the shown ones. Cities
    and public bodies hold none (they issue them), so their pages ask nothing."""
    if organisation.kind in Organisation.OWNER_KINDS:
        return []
    return [
        r for r in _with_related().filter(organisation=organisation) if user.has_perm("references.view_reference", r)
    ]


def references_of_pilot(*, pilot: Pilot) -> list[PilotReference]:
    return list(_with_related().filter(pilot=pilot))


def reference_by_credential_id(credential_id: object) -> PilotReference | None:
    """Our record of a verified credential (``urn:uuid:<id>``), for the reason of a revocation."""
    if not isinstance(credential_id, str) or not credential_id.startswith("urn:uuid:"):
        return None
    try:
        pk = UUID(credential_id.removeprefix("urn:uuid:"))
    except ValueError:
        return None
    return _with_related().filter(pk=pk).first()
