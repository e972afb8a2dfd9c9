"""Signals for the export and erasure of personal data (privacy/registry.py). A resident's suggestion stays
as a signal, without its author."""

from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import Signal, SignalCluster, SignalImport


def register() -> None:
    register_personal_data(
        Signal, fields={"author": Erasure.DETACH, "moderated_by": Erasure.DETACH}, exclude=("embedding",)
    )
    register_personal_data(SignalCluster, fields={"created_by": Erasure.DETACH}, exclude=("centroid",))
    register_personal_data(SignalImport, fields={"created_by": Erasure.DETACH})
