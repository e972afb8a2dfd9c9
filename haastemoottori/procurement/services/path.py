"""The path's route and description, and its procurement notices."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.lifecycle import Route
from haastemoottori.core.errors import ServiceConflict, ServiceValidationError
from haastemoottori.core.i18n import service_translations
from haastemoottori.core.page_cache import public_content_changed

from ..cpv import parse_cpv
from ..errors import ErrorCode
from ..models import ProcurementNotice, ProcurementPath
from ._common import _check_permission, _date, _path_for_update

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge

# --- the path -------------------------------------------------------------------------------------


@transaction.atomic
def path_update(
    *,
    actor: User,
    challenge: Challenge,
    route: str,
    description: dict[str, str] | None = None,
    cpv_codes: list[str] | None = None,
) -> ProcurementPath:
    _check_permission(actor, challenge)
    if route not in ("", *Route.values):
        raise ServiceValidationError(ErrorCode.INVALID_ROUTE, _("Choose a procurement route."), field="route")
    cleaned = service_translations(
        description, field="description", label=_("Description"), code=ErrorCode.INVALID_DESCRIPTION
    )
    for text in cleaned.values():
        if len(text) > 5000:
            raise ServiceValidationError(
                ErrorCode.DESCRIPTION_TOO_LONG, _("Keep the description under 5,000 characters."), field="description"
            )
    codes: list[str] = []
    for value in cpv_codes or []:
        code = parse_cpv(value)
        if code is None:
            raise ServiceValidationError(
                ErrorCode.INVALID_CPV,
                _("“%(code)s” is not a CPV code: give eight digits and the check digit, e.g. 72000000-5.")
                % {"code": value[:20]},
                field="cpv_codes",
            )
        if code not in codes:
            codes.append(code)
    if len(codes) > 20:
        raise ServiceValidationError(ErrorCode.INVALID_CPV, _("Give at most 20 CPV codes."), field="cpv_codes")
    path, _created = _path_for_update(actor=actor, challenge=challenge)
    changes: dict[str, tuple[Any, Any]] = {}
    if cpv_codes is not None and path.cpv_codes != codes:
        changes["cpv_codes"] = (path.cpv_codes, codes)
    if path.route != route:
        changes["route"] = (path.route, route)
    if path.description != cleaned:
        changes["description"] = (path.description, cleaned)
    if changes:
        path.route, path.description = route, cleaned
        if cpv_codes is not None:
            path.cpv_codes = codes
        path.save(update_fields=["route", "description", "cpv_codes", "updated_at"])
        audit_record(actor=actor, action=AuditEvent.Action.UPDATED, target=path, changes=changes, is_public=True)
    public_content_changed()
    return path


# --- notices --------------------------------------------------------------------------------------


@transaction.atomic
def notice_add(
    *, actor: User, challenge: Challenge, kind: str, notice_id: str, url: str, published_on: date
) -> ProcurementNotice:
    _check_permission(actor, challenge)
    if kind not in ProcurementNotice.Kind.values:
        raise ServiceValidationError(ErrorCode.INVALID_KIND, _("Choose the kind of notice."), field="kind")
    notice_id = (notice_id or "").strip()
    if not notice_id or len(notice_id) > 100:
        raise ServiceValidationError(
            ErrorCode.INVALID_NOTICE_ID, _("Give the notice ID (at most 100 characters)."), field="notice_id"
        )
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ServiceValidationError(
            ErrorCode.INVALID_URL, _("Give a web address starting with https://."), field="url"
        ) from None
    if len(url) > 500:
        raise ServiceValidationError(ErrorCode.INVALID_URL, _("The web address is too long."), field="url")
    published_on = _date(published_on, "published_on")
    if published_on > timezone.localdate():
        raise ServiceValidationError(
            ErrorCode.FUTURE_DATE, _("A notice cannot be published in the future."), field="published_on"
        )
    path, _created = _path_for_update(actor=actor, challenge=challenge)
    if path.notices.filter(kind=kind, notice_id=notice_id).exists():
        raise ServiceConflict(
            ErrorCode.DUPLICATE_NOTICE, _("This notice has already been recorded."), field="notice_id"
        )
    notice = ProcurementNotice.objects.create(
        path=path, kind=kind, notice_id=notice_id, url=url, published_on=published_on
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=notice,
        is_public=True,
        data={
            "challenge": challenge.slug,
            "kind": kind,
            "notice_id": notice_id,
            "url": url,
            "published_on": published_on,
        },
    )
    public_content_changed()
    return notice


@transaction.atomic
def notice_remove(*, actor: User, notice: ProcurementNotice) -> None:
    challenge = notice.path.challenge
    _check_permission(actor, challenge)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETED,
        target=notice,
        is_public=True,
        data={"challenge": challenge.slug, "kind": notice.kind, "notice_id": notice.notice_id, "url": notice.url},
    )
    notice.delete()
    public_content_changed()
