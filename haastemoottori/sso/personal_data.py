"""City sign-in identities for the export and erasure of personal data (privacy/registry.py)."""

from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import OidcIdentity


def register() -> None:
    # The provider's subject identifies the person: the link goes with the account.
    register_personal_data(OidcIdentity, fields={"user": Erasure.DELETE})
