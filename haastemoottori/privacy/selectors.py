"""Reads for the personal data pages: what deleting the account would delete, and what stays and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from haastemoottori.accounts.models import User

from .registry import Erasure, erasure_notices, registered


@dataclass
class ErasurePreview:
    deleted: list[tuple[str, int]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def erasure_preview(user: User) -> ErasurePreview:
    """What the delete page shows before the person confirms: the kinds of their own records that are deleted
    (with counts), what stays without their name and why, and notices such as being an organisation's only
    admin. Only kinds the person actually has are listed."""
    preview = ErasurePreview(notices=erasure_notices(user))
    for spec in sorted(registered().values(), key=lambda s: str(s.model._meta.verbose_name_plural)):
        if spec.model is User:
            continue
        deleting = [name for name, policy in spec.fields.items() if policy is Erasure.DELETE]
        staying = [name for name, policy in spec.fields.items() if policy is not Erasure.DELETE]
        if deleting:
            q = models.Q()
            for name in deleting:
                q |= models.Q(**{name: user})
            count = spec.model._base_manager.filter(q).count()
            if count:
                preview.deleted.append((str(spec.model._meta.verbose_name_plural), count))
        if staying and spec.kept is not None:
            q = models.Q()
            for name in staying:
                q |= models.Q(**{name: user})
            if spec.model._base_manager.filter(q).exists() and str(spec.kept) not in preview.kept:
                preview.kept.append(str(spec.kept))
    return preview
