"""Procurement paths for the export and erasure of personal data (privacy/registry.py)."""

from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import ProcurementPath


def register() -> None:
    register_personal_data(ProcurementPath, fields={"created_by": Erasure.DETACH})
