from __future__ import annotations

from .models import RegisterEntry


def register_entry_for(business_id: str) -> RegisterEntry | None:
    """The mirror's entry for a Business ID, without asking the register."""
    return RegisterEntry.objects.filter(business_id=business_id).first() if business_id else None
