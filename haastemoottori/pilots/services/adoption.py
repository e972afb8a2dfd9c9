"""“Adopt in my city”: copy a public challenge (or a finished pilot's challenge and its lessons) into a new draft."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.services import challenge_create
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied
from haastemoottori.core.i18n import language_codes
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.organisations.models import Organisation

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import Adoption, Pilot
from ._common import invalid, require

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

COPIED_TEXTS = (
    "title",
    "summary",
    "problem",
    "affected",
    "root_causes",
    "tried",
    "desired_outcome",
    "constraints",
    "data_available",
    "ip_terms",
)


class AlreadyAdopted(ServiceConflict):
    """The organisation has already copied this challenge; ``adopted_challenge`` is its existing copy."""

    def __init__(self, adopted_challenge: Challenge, organisation: Organisation) -> None:
        super().__init__(
            ErrorCode.ALREADY_ADOPTED,
            _(
                "%(organisation)s has already adopted this challenge: "
                "continue with its draft “%(title)s” instead of making another "
                "copy."
            )
            % {"organisation": organisation, "title": adopted_challenge.t.title},
            field="organisation",
        )
        self.adopted_challenge = adopted_challenge


def existing_adoption(source_challenge: Challenge, organisation: Organisation) -> Adoption | None:
    """The organisation's earlier copy of the challenge, if that copy still exists (deleting it deletes this)."""
    return (
        Adoption.objects.filter(source_challenge=source_challenge, organisation=organisation)
        .select_related("adopted_challenge")
        .order_by("adopted_at", "id")
        .first()
    )


def _tried_with_pilot(challenge: Challenge, pilot: Pilot) -> dict[str, str]:
    """The "what has been tried" text with the pilot's results and lessons appended, in every language."""
    tried = dict(challenge.tried or {})
    for code in language_codes():
        results = pilot.translated("results", code)
        lessons = pilot.translated("lessons", code)
        if not (results or lessons or tried.get(code)):
            continue
        with translation.override(code):
            parts = [
                tried.get(code) or challenge.translated("tried", code).text,
                _("Pilot “%(title)s”:") % {"title": pilot.translated("title", code).text},
            ]
            if results:
                parts.append(_("Results: %(text)s") % {"text": results.text})
            if lessons:
                parts.append(_("Lessons learned: %(text)s") % {"text": lessons.text})
        tried[code] = "\n\n".join(p for p in parts if p)
    return tried


@transaction.atomic
def challenge_adopt(
    *, actor: User, source_challenge: Challenge, organisation: Organisation, source_pilot: Pilot | None = None
) -> Challenge:
    """A new draft challenge led by ``organisation``, copied from a public challenge, with provenance kept.

    Once per organisation and source challenge (with or without its pilot): a second attempt is refused with
    ``AlreadyAdopted`` naming the existing copy, as long as that copy exists.
    """
    require(actor, "pilots.adopt_challenge", source_challenge, _("You cannot adopt this challenge."))
    if source_challenge.published_at is None:  # also for a platform admin, whom user.has_perm lets through
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You cannot adopt this challenge."))
    if not organisation.can_own_challenges:
        raise invalid(
            ErrorCode.NOT_OWNER_KIND, _("Only a city or another public body can adopt a challenge."), "organisation"
        )
    require(
        actor,
        "organisations.create_challenge_for",
        organisation,
        _("You cannot create challenges for %(organisation)s.") % {"organisation": organisation},
    )
    if any(o.organisation_id == organisation.pk for o in source_challenge.ownerships.all()):
        raise invalid(
            ErrorCode.ALREADY_OWNER,
            _("%(organisation)s already owns this challenge.") % {"organisation": organisation},
            "organisation",
        )
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk"))  # one at a time
    earlier = existing_adoption(source_challenge, organisation)
    if earlier is not None:
        raise AlreadyAdopted(earlier.adopted_challenge, organisation)
    if source_pilot is not None:
        source_pilot = Pilot.objects.get(pk=source_pilot.pk)  # the current status, not the caller's copy
        if source_pilot.challenge_id != source_challenge.pk:
            raise invalid(ErrorCode.PILOT_MISMATCH, _("The pilot does not belong to this challenge."), "pilot")
        if source_pilot.status != Pilot.Status.FINISHED:
            raise invalid(ErrorCode.PILOT_NOT_FINISHED, _("Only a finished pilot can be adopted."), "pilot")
    texts: dict[str, Any] = {name: dict(getattr(source_challenge, name) or {}) for name in COPIED_TEXTS}
    if source_pilot is not None:
        texts["tried"] = _tried_with_pilot(source_challenge, source_pilot)
    texts = {name: value for name, value in texts.items() if value}
    adopted = challenge_create(
        actor=actor,
        lead=organisation,
        original_language=source_challenge.original_language,
        route=source_challenge.route,
        themes=list(source_challenge.themes.all()),
        **texts,
    )
    adoption = Adoption.objects.create(
        source_challenge=source_challenge,
        source_pilot=source_pilot,
        adopted_challenge=adopted,
        organisation=organisation,
        adopted_by=actor,
    )
    provenance = {
        "source_challenge": source_challenge.slug,
        "source_pilot": source_pilot.pk if source_pilot else None,
        "organisation": organisation.slug,
        "adoption": adoption.pk,
    }
    audit_record(actor=actor, action=AuditAction.ADOPTED_FROM, target=adopted, data=provenance)
    audit_record(
        actor=actor,
        action=AuditAction.ADOPTED,
        target=source_challenge,
        data={**provenance, "adopted_challenge": adopted.slug},
        is_public=False,
    )
    public_content_changed()
    return adopted
