"""Writing imported challenges: create once per source id, update when the source changed, audit both.

An import is not a lifecycle transition: the source decides whether a challenge is open or closed,
so the stage and ``published_at`` are set here directly, recorded as one ``StageChange`` on the
timeline and audited (``created`` / ``updated``, with the source in the event's details). The canvas
values go through the same validation as ``challenge_create`` (``_clean_canvas``) and ``search_text``
is filled the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.models import Challenge, ChallengeOwnership, StageChange
from haastemoottori.challenges.services.canvas import _clean_canvas, _search_text, _unique_slug
from haastemoottori.core.errors import ServiceError
from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.services import organisation_create

from ..models import ImportedRecord
from .common import IMPORTED, UNCHANGED, UPDATED, RecordRejected

IMPORT_STAGES = (Stage.OPEN_CALL, Stage.CLOSED)


@dataclass
class ImportedChallenge:
    """A challenge as a source describes it, already mapped to our fields and cleaned."""

    source: str
    source_id: str
    original_language: str
    owner_name: str
    canvas: dict[str, Any]  # title and the other canvas texts ({lang: text}), call_opens_at, call_deadline
    stage: str
    published_at: datetime  # used when the challenge is first published
    stage_changed_at: datetime
    content_hash: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class UpsertResult:
    outcome: str
    challenge: Challenge


def owner_key(name: str) -> str:
    """Owner names match case- and space-insensitively ("NASA" and "nasa " are one owner)."""
    return " ".join(name.casefold().split())[:200]


def import_owner_get_or_create(*, source: str, name: str, language: str) -> Organisation:
    """The public body that owns a source's challenges, created once per name (kind "public")."""
    owner_source, key = f"{source}-owner", owner_key(name)
    record = (
        ImportedRecord.objects.select_related("organisation")
        .filter(source=owner_source, source_id=key, organisation__isnull=False)
        .first()
    )
    if record is not None:
        assert record.organisation is not None  # filtered on
        return record.organisation
    try:
        organisation = organisation_create(
            actor=None,
            kind=Organisation.Kind.PUBLIC,
            name={language: name},
            original_language=language,
            verification_method=Organisation.VerificationMethod.IMPORT,
        )
    except ServiceError as exc:
        raise RecordRejected(
            _("The owner “%(name)s” cannot be created: %(error)s") % {"name": name, "error": exc.message}
        ) from exc
    ImportedRecord.objects.update_or_create(
        source=owner_source, source_id=key, defaults={"organisation": organisation, "details": {"name": name}}
    )
    return organisation


def _clean(challenge: Challenge, data: ImportedChallenge) -> dict[str, Any]:
    if data.stage not in IMPORT_STAGES:
        raise RecordRejected(_("Unknown stage %(stage)s.") % {"stage": data.stage})
    try:
        cleaned = _clean_canvas(challenge, data.canvas)
    except ServiceError as exc:
        raise RecordRejected(f"{exc.field}: {exc.message}" if exc.field else str(exc.message)) from exc
    if not cleaned.get("title", {}).get(data.original_language):
        raise RecordRejected(_("The record has no title."))
    return cleaned


def _lead(challenge: Challenge) -> ChallengeOwnership | None:
    return challenge.ownerships.filter(role=ChallengeOwnership.Role.LEAD).first()


@transaction.atomic
def challenge_import_upsert(*, data: ImportedChallenge, owner: Organisation) -> UpsertResult:
    """Create or update the challenge imported from ``data.source``/``data.source_id``. Audited.

    Unchanged (same content hash) → nothing is written. Raises RecordRejected before writing.
    """
    record = (
        ImportedRecord.objects.select_for_update(of=("self",))
        .select_related("challenge")
        .filter(source=data.source, source_id=data.source_id)
        .first()
    )
    if record is not None and record.challenge is not None:
        if record.content_hash == data.content_hash:
            return UpsertResult(UNCHANGED, record.challenge)
        challenge, changed = _update(record, data, owner)
        return UpsertResult(UPDATED if changed else UNCHANGED, challenge)
    return UpsertResult(IMPORTED, _create(record, data, owner))


def _audit_data(data: ImportedChallenge) -> dict[str, Any]:
    return {"source": data.source, "source_id": data.source_id, **data.details}


def _create(record: ImportedRecord | None, data: ImportedChallenge, owner: Organisation) -> Challenge:
    challenge = Challenge(original_language=data.original_language, stage=Stage.DRAFT)
    cleaned = _clean(challenge, data)
    for name, value in cleaned.items():
        setattr(challenge, name, value)
    challenge.slug = _unique_slug(cleaned["title"][data.original_language])
    challenge.stage = data.stage
    challenge.published_at = data.published_at
    challenge.stage_changed_at = data.stage_changed_at
    challenge.search_text = _search_text(challenge)
    challenge.save()
    ChallengeOwnership.objects.create(challenge=challenge, organisation=owner, role=ChallengeOwnership.Role.LEAD)
    StageChange.objects.create(
        challenge=challenge,
        from_stage=Stage.DRAFT,
        to_stage=data.stage,
        changed_at=data.stage_changed_at,
        changed_by=None,
    )
    if record is None:
        ImportedRecord.objects.create(
            source=data.source,
            source_id=data.source_id,
            challenge=challenge,
            content_hash=data.content_hash,
            details=data.details,
        )
    else:  # the record outlived its challenge's link: reuse it
        record.challenge, record.content_hash, record.details = challenge, data.content_hash, data.details
        record.save(update_fields=["challenge", "content_hash", "details", "updated_at"])
    changes = {name: (None, value) for name, value in cleaned.items() if value not in (None, "", {}, [])}
    changes.update(
        {"stage": (None, data.stage), "published_at": (None, data.published_at), "owner": (None, owner.slug)}
    )
    audit_record(
        actor=None,
        action=AuditEvent.Action.CREATED,
        target=challenge,
        changes=changes,
        data=_audit_data(data),
        is_public=True,
    )
    return challenge


def _update(record: ImportedRecord, data: ImportedChallenge, owner: Organisation) -> tuple[Challenge, bool]:
    assert record.challenge_id is not None  # a challenge source's record names its challenge
    challenge = Challenge.objects.select_for_update().get(pk=record.challenge_id)
    cleaned = _clean(challenge, data)
    changes: dict[str, tuple[Any, Any]] = {}
    for name, value in cleaned.items():
        old = getattr(challenge, name)
        if old != value:
            changes[name] = (old, value)
            setattr(challenge, name, value)
    if challenge.stage != data.stage:
        changes["stage"] = (challenge.stage, data.stage)
        # The time the source implies (a deadline that passed), unless that is before the last change.
        at = data.stage_changed_at
        if challenge.stage_changed_at and at <= challenge.stage_changed_at:
            at = timezone.now()
        StageChange.objects.create(
            challenge=challenge, from_stage=challenge.stage, to_stage=data.stage, changed_at=at, changed_by=None
        )
        challenge.stage, challenge.stage_changed_at = data.stage, at
    if challenge.published_at is None:
        changes["published_at"] = (None, data.published_at)
        challenge.published_at = data.published_at
    lead = _lead(challenge)
    if lead is None:
        ChallengeOwnership.objects.create(challenge=challenge, organisation=owner, role=ChallengeOwnership.Role.LEAD)
        changes["owner"] = (None, owner.slug)
    elif lead.organisation_id != owner.pk:
        changes["owner"] = (lead.organisation.slug, owner.slug)
        ChallengeOwnership.objects.filter(challenge=challenge, organisation=owner).delete()
        lead.organisation = owner
        lead.save(update_fields=["organisation"])
    if changes:
        challenge.version += 1
        challenge.search_text = _search_text(challenge)
        challenge.save()
        audit_record(
            actor=None,
            action=AuditEvent.Action.UPDATED,
            target=challenge,
            changes=changes,
            data={**_audit_data(data), "version": challenge.version},
            is_public=True,
        )
    record.content_hash, record.details = data.content_hash, data.details
    record.save(update_fields=["content_hash", "details", "updated_at"])
    return challenge, bool(changes)
