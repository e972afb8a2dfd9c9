"""Promote a cluster of signals (or one signal) to a draft challenge: the backlog's candidate challenge.

The draft is made through the challenge services (so its permission checks, validation and audit apply),
pre-filled from the accepted signals in the promoter's language, and linked back to them (``Candidate.cluster``
and ``Candidate.signals``). The signals' authors who have accounts are told once each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.models import ChallengeOwnership
from haastemoottori.challenges.services import challenge_add_owner, challenge_create
from haastemoottori.core.errors import ServiceConflict
from haastemoottori.core.i18n import TranslatableMixin
from haastemoottori.organisations.models import Department, Organisation
from haastemoottori.signals.models import Signal, SignalCluster

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import Candidate
from ._common import invalid, language_or_current, require

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.taxonomy.models import Theme

MAX_LISTED = 40  # observations written out in the problem statement; the rest are counted
EXCERPT = 300  # characters of each signal's text
TITLE_MAX = 200


@dataclass
class Prefill:
    """What a promotion writes into the draft, for the form's preview and for the service."""

    language: str
    title: str
    summary: str
    problem: str
    data_available: str
    themes: list[Theme] = field(default_factory=list)
    lead_department: Department | None = None
    cities: list[Organisation] = field(default_factory=list)


def promotion_signals(*, cluster: SignalCluster | None = None, signal: Signal | None = None) -> list[Signal]:
    """The accepted signals a promotion uses (pending and rejected ones never count)."""
    if (cluster is None) == (signal is None):
        raise invalid(ErrorCode.SOURCE_MISSING, _("Promote either a cluster or a single signal."), "source")
    qs = Signal.objects.accepted().select_related("city", "department").prefetch_related("themes")
    qs = qs.filter(pk=signal.pk) if signal is not None else qs.filter(cluster=cluster)
    return list(qs.order_by("-observed_at", "-id"))


def _name(obj: TranslatableMixin | None, language: str) -> str:
    return obj.translated("name", language).text if obj is not None else ""


def _suggested_title(cluster: SignalCluster | None, signals: list[Signal], language: str) -> str:
    title = ""
    if cluster is not None:
        title = cluster.translated("name", language).text
    if not title and signals:
        title = signals[0].title
    return title[:TITLE_MAX]


def _lead_department(lead: Organisation | None, signals: list[Signal]) -> Department | None:
    """The department of the lead that raised most of the signals (the lowest id on a tie), if any."""
    if lead is None:
        return None
    counts = Counter(s.department_id for s in signals if s.city_id == lead.pk and s.department_id)
    if not counts:
        return None
    best = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
    return next(s.department for s in signals if s.department_id == best)


def _observation(signal: Signal, language: str) -> str:
    where = ", ".join(p for p in (_name(signal.city, language), _name(signal.department, language)) if p)
    when = date_format(localtime(signal.observed_at), "SHORT_DATE_FORMAT")
    line = f"- {signal.title} ({where}; {signal.get_source_display().lower()}; {when})"
    text = " ".join(signal.text.split())
    if text:
        line += "\n  " + (text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…")
    return line


def _cities(signals: list[Signal]) -> list[Organisation]:
    seen: dict[int, Organisation] = {}
    for s in signals:
        seen.setdefault(s.city_id, s.city)
    return sorted(seen.values(), key=lambda o: o.slug)


def promotion_prefill(
    *, signals: list[Signal], cluster: SignalCluster | None = None, lead: Organisation | None = None, language: str
) -> Prefill:
    """The draft's texts in ``language``: title, a summary naming the cities and departments, the observations
    as the problem statement, the evidence links, the union of the signals' themes and the lead's department."""
    cities = _cities(signals)
    with translation.override(language):
        city_names = ", ".join(_name(c, language) for c in cities)
        departments = sorted({_name(s.department, language) for s in signals if s.department_id})
        summary = _("A need raised in %(count)s signals from %(cities)s.") % {
            "count": len(signals),
            "cities": city_names,
        }
        if departments:
            summary += " " + _("Departments: %(departments)s.") % {"departments": ", ".join(departments)}
        lines = [_("Observations behind this challenge:")]
        lines.extend(_observation(s, language) for s in signals[:MAX_LISTED])
        if len(signals) > MAX_LISTED:
            lines.append(
                _("… and %(count)s more signals, linked from the candidate's page.")
                % {"count": len(signals) - MAX_LISTED}
            )
        evidence = list(dict.fromkeys(s.evidence_url for s in signals if s.evidence_url))
        data_available = (
            "\n".join([_("Evidence linked from the signals:"), *(f"- {url}" for url in evidence)]) if evidence else ""
        )
    themes: dict[int, Theme] = {}
    for s in signals:
        for theme in s.themes.all():
            themes.setdefault(theme.pk, theme)
    return Prefill(
        language=language,
        title=_suggested_title(cluster, signals, language),
        summary=summary,
        problem="\n".join(lines),
        data_available=data_available,
        themes=sorted(themes.values(), key=lambda t: t.slug),
        lead_department=_lead_department(lead, signals),
        cities=cities,
    )


def _refuse_duplicates(cluster: SignalCluster | None, signal: Signal | None) -> None:
    """A cluster (or a signal on its own) becomes at most one candidate: promoting it again is refused."""
    if cluster is not None:
        SignalCluster.objects.select_for_update().filter(pk=cluster.pk).first()
        existing = Candidate.objects.filter(cluster=cluster).select_related("challenge").first()
        if existing is not None:
            raise ServiceConflict(
                ErrorCode.ALREADY_PROMOTED,
                _("This cluster was already promoted to “%(title)s”. Open that candidate instead.")
                % {"title": existing},
            )
    else:
        assert signal is not None
        Signal.objects.select_for_update().filter(pk=signal.pk).first()
        existing = Candidate.objects.filter(signals=signal).select_related("challenge").first()
        if existing is not None:
            raise ServiceConflict(
                ErrorCode.ALREADY_PROMOTED,
                _("This signal is already part of the candidate “%(title)s”. Open that candidate instead.")
                % {"title": existing},
            )


def _clean_co_owners(
    co_owners: Iterable[Organisation] | None, lead: Organisation, cities: list[Organisation]
) -> list[Organisation]:
    allowed = {c.pk for c in cities if c.can_own_challenges}
    chosen: dict[int, Organisation] = {}
    for org in co_owners or ():
        if org.pk == lead.pk:
            continue  # the lead is already an owner
        if org.pk not in allowed:
            raise invalid(
                ErrorCode.CO_OWNER_NOT_IN_SIGNALS,
                _(
                    "Only cities whose signals are in the cluster can be added "
                    "as co-owners: %(organisation)s is not one of them."
                )
                % {"organisation": org},
                "co_owners",
            )
        chosen[org.pk] = org
    return list(chosen.values())


@transaction.atomic
def candidate_promote(
    actor: User,
    *,
    cluster: SignalCluster | None = None,
    signal: Signal | None = None,
    lead: Organisation,
    co_owners: Iterable[Organisation] = (),
    title: str | None = None,
    language: str | None = None,
) -> Candidate:
    """Make a draft challenge led by ``lead`` from the cluster's (or the signal's) accepted signals.

    ``co_owners``: other cities of the signals to add as co-owners (the promoter chooses). ``title`` overrides
    the suggested one. ``language`` (default: the active language) is the draft's original language.
    Refuses a cluster or signal that was promoted before (ServiceConflict ``already_promoted``).
    """
    require(actor, "backlog.promote", None, _("You cannot promote signals to challenges."))
    require(actor, "signals.view_signals", None, _("You cannot promote signals to challenges."))
    language = language_or_current(language)
    signals = promotion_signals(cluster=cluster, signal=signal)
    if not signals:
        raise invalid(
            ErrorCode.NO_ACCEPTED_SIGNALS,
            _("Only accepted signals can be promoted, and there are none here."),
            "source",
        )
    _refuse_duplicates(cluster, signal)
    prefill = promotion_prefill(signals=signals, cluster=cluster, lead=lead, language=language)
    chosen_title = (title if title is not None else prefill.title).strip()
    if not chosen_title:
        raise invalid(ErrorCode.TITLE_MISSING, _("Give the challenge a title."), "title")
    co_owners = _clean_co_owners(co_owners, lead, prefill.cities)
    texts = {"summary": prefill.summary, "problem": prefill.problem, "data_available": prefill.data_available}
    challenge = challenge_create(
        actor=actor,
        lead=lead,
        original_language=language,
        title={language: chosen_title},
        lead_department=prefill.lead_department,
        themes=prefill.themes,
        **{name: {language: text} for name, text in texts.items() if text},
    )
    for org in co_owners:
        challenge_add_owner(actor=actor, challenge=challenge, organisation=org, role=ChallengeOwnership.Role.CO_OWNER)
    candidate = Candidate.objects.create(
        challenge=challenge, cluster=cluster, promoted_by=actor, original_language=language
    )
    candidate.signals.set(signals)
    notified = _notify_authors(actor, candidate, signals, lead)
    provenance = {
        "challenge": challenge.slug,
        "cluster": cluster.pk if cluster else None,
        "signals": [s.pk for s in signals],
        "lead": lead.slug,
        "co_owners": [o.slug for o in co_owners],
        "language": language,
        "authors_notified": notified,
    }
    audit_record(actor=actor, action=AuditAction.CANDIDATE_PROMOTED, target=candidate, data=provenance)
    if cluster is not None:
        audit_record(
            actor=actor,
            action=AuditAction.CLUSTER_PROMOTED,
            target=cluster,
            data={"candidate": candidate.pk, "challenge": challenge.slug},
        )
    return candidate


def _notify_authors(actor: User, candidate: Candidate, signals: list[Signal], lead: Organisation) -> int:
    """One notification to each signal author with an account (not the promoter), in their language.

    Staff who can see the candidate get its title and a link; anyone else (a resident) only hears that the
    city took their suggestion forward, since the draft is not public.
    """
    from haastemoottori.accounts.models import User
    from haastemoottori.notifications.services import notification_send

    from ..selectors import candidate_visible_to

    titles: dict[int, list[str]] = {}
    for s in signals:
        if s.author_id and s.author_id != actor.pk:
            titles.setdefault(s.author_id, []).append(s.title)
    authors = User.objects.filter(pk__in=titles, is_active=True).order_by("pk")
    count = 0
    for author in authors:
        can_view = candidate_visible_to(user=author, candidate=candidate)
        sent = notification_send(
            recipients=[author],
            kind="signals.promoted",
            template="backlog/notifications/promoted.txt",
            context={
                "candidate": candidate,
                "challenge": candidate.challenge,
                "lead": lead,
                "can_view": can_view,
                "signal_titles": titles[author.pk],
            },
            url_name="backlog:candidate" if can_view else "",
            url_args=[candidate.pk] if can_view else [],
        )
        count += len(sent)
    return count
