"""Pilots for the export and erasure of personal data (privacy/registry.py): the pilots' records stay,
without the person's name."""

from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import Adoption, CheckIn, KPIMeasurement, Pilot, PilotRequest, PilotRequestMessage


def register() -> None:
    register_personal_data(Pilot, fields={"created_by": Erasure.DETACH})
    register_personal_data(Adoption, fields={"adopted_by": Erasure.DETACH})
    register_personal_data(CheckIn, fields={"author": Erasure.DETACH})
    register_personal_data(KPIMeasurement, fields={"recorded_by": Erasure.DETACH})
    # A pilot request is the organisation's; the people who made, decided or wrote in it are detached.
    register_personal_data(PilotRequest, fields={"created_by": Erasure.DETACH, "decided_by": Erasure.DETACH})
    register_personal_data(PilotRequestMessage, fields={"author": Erasure.DETACH})
