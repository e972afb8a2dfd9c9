"""The owners' side: take a comment into account, hide it with a public reason, handle reports."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.selectors import challenge_owner_editors
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.notifications.services import notification_send

from ..errors import ErrorCode
from ..models import Comment, CommentReport

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

NOTE_MAX = 2000
REASON_MAX = 500


def _require_moderator(actor: User, comment: Comment) -> None:
    if not actor.has_perm("comments.moderate_comment", comment.challenge):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED, _("Only the owners of the challenge can moderate comments.")
        )


def _locked(comment: Comment) -> Comment:
    """The current row, locked: two moderators acting at once see each other's change."""
    fresh = Comment.objects.select_for_update().get(pk=comment.pk)
    fresh.challenge = comment.challenge
    return fresh


def _notify_author(comment: Comment, *, kind: str, template: str) -> None:
    notification_send(
        recipients=[comment.author],
        kind=kind,
        template=template,
        context={"comment": comment, "challenge": comment.challenge},
        url_name="comments:list",
        url_args=[comment.challenge.slug],
        url_anchor=f"comment-{comment.pk}",
    )


@transaction.atomic
def comment_take_into_account(*, actor: User, comment: Comment, note: str, now: datetime | None = None) -> Comment:
    """Mark the comment taken into account with a public note; the author hears of it the first time."""
    _require_moderator(actor, comment)
    note = (note or "").strip()
    if not note:
        raise ServiceValidationError(ErrorCode.NOTE_MISSING, _("Tell what was done with the comment."), field="note")
    if len(note) > NOTE_MAX:
        raise ServiceValidationError(
            ErrorCode.NOTE_TOO_LONG,
            _("The note can be at most %(max)d characters long.") % {"max": NOTE_MAX},
            field="note",
        )
    comment = _locked(comment)
    if comment.is_hidden:
        raise ServiceConflict(ErrorCode.HIDDEN, _("A hidden comment cannot be marked as taken into account."))
    now = now or timezone.now()
    changes = {"taken_into_account": (comment.is_taken_into_account, True), "owner_note": (comment.owner_note, note)}
    if not comment.is_taken_into_account:
        comment.taken_into_account_at = now
        comment.taken_into_account_by = actor
    comment.owner_note = note
    notify = comment.author_notified_at is None
    if notify:
        comment.author_notified_at = now
    comment.save(update_fields=["taken_into_account_at", "taken_into_account_by", "owner_note", "author_notified_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=comment,
        changes=changes,
        is_public=True,
        data={"event": "taken_into_account"},
    )
    if notify:
        _notify_author(comment, kind="comments.taken_into_account", template="comments/email/taken_into_account.txt")
    public_content_changed()
    return comment


@transaction.atomic
def comment_undo_taken_into_account(*, actor: User, comment: Comment) -> Comment:
    _require_moderator(actor, comment)
    comment = _locked(comment)
    if not comment.is_taken_into_account:
        return comment
    changes = {"taken_into_account": (True, False), "owner_note": (comment.owner_note, "")}
    comment.taken_into_account_at = None
    comment.taken_into_account_by = None
    comment.owner_note = ""
    comment.save(update_fields=["taken_into_account_at", "taken_into_account_by", "owner_note"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=comment,
        changes=changes,
        is_public=True,
        data={"event": "taken_into_account_undone"},
    )
    public_content_changed()
    return comment


def _resolve_open_reports(*, actor: User, comment: Comment, resolution: str, now: datetime) -> int:
    reports = list(CommentReport.objects.open().filter(comment=comment).select_for_update())
    for report in reports:
        report.resolved_at, report.resolved_by, report.resolution = now, actor, resolution
        report.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        audit_record(
            actor=actor, action=AuditEvent.Action.UPDATED, target=report, changes={"resolution": ("", resolution)}
        )
    return len(reports)


@transaction.atomic
def comment_hide(*, actor: User, comment: Comment, reason: str, now: datetime | None = None) -> Comment:
    """Hide the text everywhere public; the reason is shown instead. Resolves the open reports."""
    _require_moderator(actor, comment)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceValidationError(
            ErrorCode.REASON_MISSING, _("Give the public reason for hiding the comment."), field="reason"
        )
    if len(reason) > REASON_MAX:
        raise ServiceValidationError(
            ErrorCode.REASON_TOO_LONG,
            _("The reason can be at most %(max)d characters long.") % {"max": REASON_MAX},
            field="reason",
        )
    comment = _locked(comment)
    if comment.is_hidden:
        raise ServiceConflict(ErrorCode.ALREADY_HIDDEN, _("The comment is already hidden."))
    now = now or timezone.now()
    comment.status, comment.hidden_reason = Comment.Status.HIDDEN, reason
    comment.hidden_by, comment.hidden_at = actor, now
    comment.save(update_fields=["status", "hidden_reason", "hidden_by", "hidden_at"])
    # Public: the reason is shown on the page anyway; the hidden text is never part of an audit entry.
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=comment,
        is_public=True,
        changes={"status": (Comment.Status.VISIBLE, Comment.Status.HIDDEN), "hidden_reason": ("", reason)},
        data={"event": "hidden"},
    )
    _resolve_open_reports(actor=actor, comment=comment, resolution=CommentReport.Resolution.HIDDEN, now=now)
    _notify_author(comment, kind="comments.hidden", template="comments/email/hidden.txt")
    public_content_changed()
    return comment


@transaction.atomic
def comment_unhide(*, actor: User, comment: Comment) -> Comment:
    _require_moderator(actor, comment)
    comment = _locked(comment)
    if not comment.is_hidden:
        return comment
    changes = {"status": (Comment.Status.HIDDEN, Comment.Status.VISIBLE), "hidden_reason": (comment.hidden_reason, "")}
    comment.status, comment.hidden_reason, comment.hidden_by, comment.hidden_at = Comment.Status.VISIBLE, "", None, None
    comment.save(update_fields=["status", "hidden_reason", "hidden_by", "hidden_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=comment,
        changes=changes,
        is_public=True,
        data={"event": "unhidden"},
    )
    public_content_changed()
    return comment


@transaction.atomic
def comment_report(
    *, actor: User, comment: Comment, reason: str, text: str = "", now: datetime | None = None
) -> CommentReport:
    """Tell the owners that a comment breaks the rules; once per person and comment."""
    if not actor.has_perm("comments.report_comment", comment):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You cannot report this comment."))
    if reason not in CommentReport.Reason.values:
        raise ServiceValidationError(ErrorCode.REASON_INVALID, _("Choose why you report the comment."), field="reason")
    text = (text or "").strip()
    if reason == CommentReport.Reason.OTHER and not text:
        raise ServiceValidationError(ErrorCode.TEXT_MISSING, _("Tell what is wrong with the comment."), field="text")
    if len(text) > REASON_MAX:
        raise ServiceValidationError(
            ErrorCode.TEXT_TOO_LONG,
            _("The details can be at most %(max)d characters long.") % {"max": REASON_MAX},
            field="text",
        )
    if comment.is_hidden:
        raise ServiceConflict(ErrorCode.ALREADY_HIDDEN, _("The comment is already hidden."))
    if CommentReport.objects.filter(comment=comment, reporter=actor).exists():
        raise ServiceConflict(ErrorCode.ALREADY_REPORTED, _("You have already reported this comment."))
    try:
        with transaction.atomic():
            report = CommentReport.objects.create(
                comment=comment, reporter=actor, reason=reason, text=text, created_at=now or timezone.now()
            )
    except IntegrityError:
        raise ServiceConflict(ErrorCode.ALREADY_REPORTED, _("You have already reported this comment.")) from None
    audit_record(
        actor=actor, action=AuditEvent.Action.CREATED, target=report, data={"comment": comment.pk, "reason": reason}
    )
    notification_send(
        recipients=challenge_owner_editors(challenge=comment.challenge),
        exclude=[actor],
        kind="comments.reported",
        template="comments/email/reported.txt",
        context={"comment": comment, "challenge": comment.challenge, "report": report},
        url_name="comments:moderation",
        url_args=[comment.challenge.slug],
    )
    return report


@transaction.atomic
def report_resolve(
    *, actor: User, report: CommentReport, resolution: str, reason: str = "", now: datetime | None = None
) -> CommentReport:
    """Decide a report: hide the comment (with a public reason) or keep it. Resolves its other open reports."""
    comment = report.comment
    _require_moderator(actor, comment)
    if resolution not in CommentReport.Resolution.values:
        raise ServiceValidationError(
            ErrorCode.RESOLUTION_INVALID, _("Choose whether to hide or keep the comment."), field="resolution"
        )
    if CommentReport.objects.filter(pk=report.pk, resolved_at__isnull=False).exists():
        raise ServiceConflict(ErrorCode.RESOLVED, _("This report has already been handled."))
    now = now or timezone.now()
    if resolution == CommentReport.Resolution.HIDDEN and not comment.is_hidden:
        comment_hide(actor=actor, comment=comment, reason=reason, now=now)
    else:
        _resolve_open_reports(actor=actor, comment=comment, resolution=resolution, now=now)
    report.refresh_from_db()
    return report
