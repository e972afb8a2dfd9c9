"""What a digest contains: per followed item, what happened in a time window. Reads only.

Call inside ``translation.override(language)``: headings, stage names and links come out in that language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.i18n import Translated
from haastemoottori.notifications.models import AlertPreference

from .models import Follow
from .selectors import (
    challenges_public_for_organisation,
    challenges_public_for_search,
    challenges_public_for_theme,
    follows_for_user,
)

Frequency = AlertPreference.Frequency
PERIOD = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}
MAX_ITEMS_PER_GROUP = 20


@dataclass
class DigestItem:
    title: Translated | str
    url: str
    detail: str = ""


@dataclass
class DigestGroup:
    kind: str
    kind_label: str
    name: Translated | str
    url: str
    items: list[DigestItem] = field(default_factory=list)


def period_start(frequency: str, now: datetime) -> datetime:
    """The start of the calendar day (daily) or ISO week (weekly) ``now`` falls in, in the site's time zone."""
    local = timezone.localtime(now)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if frequency == Frequency.WEEKLY:
        start -= timedelta(days=local.weekday())
    return start


def digest_is_due(preference: AlertPreference, now: datetime) -> bool:
    """One digest per period: due when none was sent since the current day or week began."""
    if preference.frequency not in PERIOD:
        return False
    return preference.last_sent_at is None or preference.last_sent_at < period_start(preference.frequency, now)


def digest_window_start(preference: AlertPreference, now: datetime) -> datetime:
    """From the last digest sent, but never further back than two periods (after a pause, only what is recent)."""
    period = PERIOD[Frequency(preference.frequency)]
    since = preference.last_sent_at or now - period
    return max(since, now - 2 * period)


def _new_challenge_items(qs, since: datetime, until: datetime, base_url: str) -> list[DigestItem]:
    items = []
    qs = qs.filter(published_at__gt=since, published_at__lte=until).order_by("-published_at", "-id")
    for challenge in qs.only("slug", "title", "original_language", "stage", "call_deadline", "published_at")[
        :MAX_ITEMS_PER_GROUP
    ]:
        detail = challenge.get_stage_display()
        if challenge.stage == "open_call" and challenge.call_deadline:
            deadline = timezone.localtime(challenge.call_deadline)
            detail = _("%(stage)s, deadline %(date)s") % {"stage": detail, "date": _date(deadline)}
        items.append(DigestItem(title=challenge.t.title, url=base_url + _detail_path(challenge), detail=detail))
    return items


def _date(value: datetime) -> str:
    from django.utils.formats import date_format

    return date_format(value, "SHORT_DATE_FORMAT")


def _detail_path(challenge) -> str:
    return reverse("challenges:detail", args=[challenge.slug])


def _challenge_events(follows: list[Follow], since: datetime, until: datetime) -> dict[int, list[str]]:
    """What happened to followed challenges after they were followed: stage changes, then one line each for
    edits and owner changes."""
    from haastemoottori.challenges.lifecycle import Stage
    from haastemoottori.challenges.models import StageChange

    starts = {f.challenge_id: max(since, f.created_at) for f in follows if f.challenge_id is not None}
    events: dict[int, list[str]] = {pk: [] for pk in starts}
    if not follows:
        return events
    for change in StageChange.objects.filter(
        challenge_id__in=starts, changed_at__gt=since, changed_at__lte=until
    ).order_by("changed_at", "id"):
        if change.changed_at > starts[change.challenge_id]:
            events[change.challenge_id].append(
                _("Stage changed to %(stage)s (%(date)s)")
                % {"stage": Stage(change.to_stage).label, "date": _date(timezone.localtime(change.changed_at))}
            )
    # Only events the public may see, and only what kind of change it was, never the changed values.
    audited = (
        AuditEvent.objects.public()
        .filter(
            target_type="challenges.challenge",
            target_id__in=[str(pk) for pk in starts],
            created_at__gt=since,
            created_at__lte=until,
            action__in=[AuditEvent.Action.UPDATED, AuditEvent.Action.OWNER_ADDED, AuditEvent.Action.OWNER_REMOVED],
        )
        .values_list("target_id", "action", "created_at")
    )
    kinds: dict[int, set[str]] = {}
    for target_id, action, created_at in audited:
        if created_at > starts[int(target_id)]:
            kinds.setdefault(int(target_id), set()).add(action)
    for pk, actions in kinds.items():
        if AuditEvent.Action.UPDATED in actions:
            events[pk].append(_("The description of the challenge was updated."))
        if actions & {AuditEvent.Action.OWNER_ADDED, AuditEvent.Action.OWNER_REMOVED}:
            events[pk].append(_("The owners of the challenge changed."))
    return events


def digest_notifications(*, user, base_url: str) -> tuple[DigestGroup | None, list[int]]:
    """The person's notifications waiting for the digest as one group ("Notifications"), newest first, and the
    ids of every notification the group stands for (at most MAX_ITEMS_PER_GROUP are listed; the rest are
    counted with a link to the inbox). The caller marks exactly those ids e-mailed when the digest is sent."""
    from haastemoottori.core.i18n import current_language
    from haastemoottori.notifications.selectors import digest_pending

    pending = digest_pending(user=user)
    if not pending:
        return None, []
    inbox_url = base_url + reverse("notifications:inbox")
    language = current_language()
    items = []
    for n in pending[:MAX_ITEMS_PER_GROUP]:
        detail = " ".join(n.body.split())
        items.append(
            DigestItem(
                title=Translated(text=n.subject, language=n.language, requested=language),
                url=base_url + n.url if n.url else inbox_url,
                detail=detail if len(detail) <= 200 else detail[:199].rstrip() + "…",
            )
        )
    rest = len(pending) - len(items)
    if rest > 0:
        items.append(
            DigestItem(
                title=ngettext(
                    "%(count)s more notification in your inbox", "%(count)s more notifications in your inbox", rest
                )
                % {"count": rest},
                url=inbox_url,
            )
        )
    group = DigestGroup(
        kind="notifications", kind_label=_("Notifications"), name=_("Your notifications"), url=inbox_url, items=items
    )
    return group, [n.pk for n in pending]


def digest_collect(*, user, since: datetime, until: datetime, base_url: str) -> list[DigestGroup]:
    """The digest's groups, one per followed item where something happened between ``since`` and ``until``
    (and after the item was followed)."""
    follows = follows_for_user(user=user)
    events = _challenge_events([f for f in follows if f.kind == Follow.Kind.CHALLENGE], since, until)
    list_path = reverse("challenges:list")
    groups = []
    window_start = since
    for follow in follows:
        since = max(window_start, follow.created_at)  # only what happened after it was followed
        if follow.kind == Follow.Kind.CHALLENGE:
            challenge = follow.challenge
            assert challenge is not None
            url = base_url + _detail_path(challenge)
            group = DigestGroup(
                kind=follow.kind,
                kind_label=_("Challenge"),
                name=challenge.t.title,
                url=url,
                items=[DigestItem(title=text, url=url) for text in events[challenge.pk]],
            )
        elif follow.kind == Follow.Kind.THEME:
            theme = follow.theme
            assert theme is not None
            group = DigestGroup(
                kind=follow.kind,
                kind_label=_("New challenges in the theme"),
                name=theme.t.name,
                url=f"{base_url}{list_path}?{urlencode({'theme': theme.slug})}",
                items=_new_challenge_items(challenges_public_for_theme(theme=theme), since, until, base_url),
            )
        elif follow.kind == Follow.Kind.ORGANISATION:
            organisation = follow.organisation
            assert organisation is not None
            group = DigestGroup(
                kind=follow.kind,
                kind_label=_("New challenges from"),
                name=organisation.t.name,
                url=base_url + reverse("organisations:detail", args=[organisation.slug]),
                items=_new_challenge_items(
                    challenges_public_for_organisation(organisation=organisation), since, until, base_url
                ),
            )
        else:
            search = follow.saved_search
            assert search is not None
            group = DigestGroup(
                kind=follow.kind,
                kind_label=_("New challenges for the saved search"),
                name=search.name,
                url=f"{base_url}{list_path}?{search.query}",
                items=_new_challenge_items(challenges_public_for_search(query=search.query), since, until, base_url),
            )
        if group.items:
            groups.append(group)
    return groups
