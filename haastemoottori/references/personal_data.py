"""References for the export and erasure of personal data: the signed reference stays (it names the signer's
role, never the person); who issued or revoked it is detached."""

from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import PilotReference


def register() -> None:
    register_personal_data(PilotReference, fields={"issued_by": Erasure.DETACH, "revoked_by": Erasure.DETACH})
