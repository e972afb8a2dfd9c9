"""The Open Contracting Data Standard 1.1 export of a challenge's procurement path.

One release package with one release per stage that has happened: planning, tender, award, contract and
implementation. Every release carries the path's stable ``ocid``. Only public data goes in: the challenge's
public texts, market-dialogue events, notices, the number of submitted proposals (never their content),
the selected suppliers and the award and contract values. The mapping is described in docs/procurement.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from haastemoottori.challenges.lifecycle import Outcome, Route, Stage
from haastemoottori.challenges.models import ChallengeOwnership

from . import ocds_parts as parts
from .eforms import PROCEDURE_TYPES
from .models import ProcurementNotice, ProcurementPath

OCDS_VERSION = "1.1"
TENDER_STAGES = (Stage.OPEN_CALL, Stage.EVALUATION, Stage.PILOTING)
# Our routes as the OCDS method codelist (closed): a route without a procurement has no method.
ROUTE_METHOD: dict[str, str] = {
    Route.AGILE_PILOT: "open",
    Route.INNOVATION_PROCUREMENT: "open",
    Route.PCP: "selective",
    Route.INNOVATION_PARTNERSHIP: "selective",
}
# eForms procedure types (BT-105) as the OCDS method, when the path has no route of its own.
PROCEDURE_METHOD: dict[str, str] = {
    "open": "open",
    "restricted": "selective",
    "neg-w-call": "selective",
    "comp-dial": "selective",
    "innovation": "selective",
    "neg-wo-call": "limited",
}
NOTICE_DOCUMENT_TYPE: dict[str, str] = {
    ProcurementNotice.Kind.PRIOR_INFORMATION: "plannedProcurementNotice",
    ProcurementNotice.Kind.CONTRACT_NOTICE: "tenderNotice",
    ProcurementNotice.Kind.AWARD_NOTICE: "awardNotice",
}


class _Builder:
    def __init__(self, *, challenge, path: ProcurementPath, language: str, base_url: str) -> None:
        self.challenge, self.path, self.language, self.base_url = challenge, path, language, base_url
        self.ocid = path.ocid
        owners = [o for o in challenge.ownerships.all() if o.role in ChallengeOwnership.APPROVER_ROLES]
        self.awards = list(path.awards.all())
        suppliers = [a.supplier for a in self.awards if a.supplier is not None]
        ids = parts.business_ids([o.organisation for o in owners] + suppliers)
        self.buyers = []
        for o in sorted(owners, key=lambda o: o.role != ChallengeOwnership.Role.LEAD):
            roles = ["buyer", "procuringEntity"] if o.role == ChallengeOwnership.Role.LEAD else ["buyer"]
            self.buyers.append(parts.party(o.organisation, ids.get(o.organisation_id), roles, language))
        self.suppliers: dict[int, dict] = {}
        for org in suppliers:
            self.suppliers.setdefault(org.pk, parts.party(org, ids.get(org.pk), ["supplier"], language))

    # --- common ---

    def url(self, name: str, *args) -> str:
        with translation.override(self.language):
            return self.base_url + reverse(name, args=args)

    def release(self, stage: str, moment: datetime | None, *, suppliers: list[dict] | None = None, **body) -> dict:
        assert moment is not None  # every stage has a dated record (the challenge at least)
        release: dict[str, Any] = {
            "ocid": self.ocid,
            "id": f"{self.ocid}-{stage}-{parts.compact(moment)}",
            "date": parts.iso(moment),
            "tag": [stage],
            "initiationType": "tender",
            "parties": [*self.buyers, *(suppliers or [])],
            "language": self.language,
        }
        if self.buyers:
            release["buyer"] = parts.reference(self.buyers[0])
        release.update(body)
        return release

    def notice_documents(self, kinds) -> list[dict]:
        with translation.override(self.language):
            return self._notice_documents(kinds)

    def _notice_documents(self, kinds) -> list[dict]:
        return [self.notice_document(n) for n in self.path.notices.all() if n.kind in kinds]

    def notice_document(self, n: ProcurementNotice) -> dict:
        """A notice as an OCDS document; one read from eForms has its notice ID (BT-701) and version as the id."""
        title = parts.text(n.title, n.original_language, self.language) if n.title else ""
        document: dict[str, Any] = {
            "id": f"{n.notice_id}-{n.version}" if n.version else f"notice-{n.pk}",
            "documentType": NOTICE_DOCUMENT_TYPE[n.kind],
            "title": f"{n.get_kind_display()} {n.notice_id}" + (f": {title}" if title else ""),
            "datePublished": parts.iso(n.published_on),
            "language": self.language,
        }
        if n.url:
            document["url"] = n.url
        return document

    def eforms_contract_notice(self) -> ProcurementNotice | None:
        """The latest contract notice read from eForms: the tender the challenge led to."""
        found = [
            n
            for n in self.path.notices.all()
            if n.kind == ProcurementNotice.Kind.CONTRACT_NOTICE and n.source != ProcurementNotice.Source.MANUAL
        ]
        return max(found, key=lambda n: (n.published_on, n.pk)) if found else None

    def t(self, field: str) -> str:
        return parts.text(getattr(self.challenge, field), self.challenge.original_language, self.language)

    # --- planning ---

    def planning(self, events) -> dict:
        c = self.challenge
        title, summary = self.t("title"), self.t("summary")
        planning: dict = {"rationale": f"{title}: {summary}" if summary else title}
        if c.budget_max is not None or c.budget_min is not None:
            low = c.budget_min if c.budget_min is not None else c.budget_max
            high = c.budget_max if c.budget_max is not None else c.budget_min
            assert high is not None
            planning["budget"] = {
                "id": f"{self.ocid}-budget",
                "description": f"{low}–{high} EUR",
                "amount": parts.money(high),
            }
        milestones = []
        for e in events:
            milestones.append(
                {
                    "id": f"event-{e.pk}",
                    "title": parts.text(e.title, e.original_language, self.language),
                    "type": "engagement",
                    "dueDate": parts.iso(e.starts_at),
                    "status": "met" if e.ends_at <= timezone.now() else "scheduled",
                    **({"dateMet": parts.iso(e.ends_at)} if e.ends_at <= timezone.now() else {}),
                }
            )
        if milestones:
            planning["milestones"] = milestones
        planning["documents"] = [
            {
                "id": "challenge",
                "documentType": "needsAssessment",
                "title": title,
                "url": self.url("challenges:detail", c.slug),
                "datePublished": parts.iso(c.published_at),
                "language": self.language,
            },
            *self.notice_documents({ProcurementNotice.Kind.PRIOR_INFORMATION}),
        ]
        moment = parts.latest(
            c.published_at,
            c.updated_at,
            *(e.updated_at for e in events),
            *(n.created_at for n in self.path.notices.all() if n.kind == ProcurementNotice.Kind.PRIOR_INFORMATION),
        )
        return self.release("planning", moment, planning=planning)

    # --- tender ---

    def tender_opened_at(self) -> datetime | None:
        if hasattr(self.path, "open_call_at"):  # annotated by selectors.path_for_export
            changes = [self.path.open_call_at] if self.path.open_call_at else []
        else:
            changes = [s.changed_at for s in self.challenge.stage_changes.all() if s.to_stage == Stage.OPEN_CALL]
        if changes:
            return changes[0]
        if self.challenge.stage in TENDER_STAGES and self.challenge.call_deadline:
            return self.challenge.call_opens_at or self.challenge.published_at
        return None

    def tender_status(self) -> str:
        """The OCDS tenderStatus code: cancelled / unsuccessful by the outcome; ``complete`` once an award (and
        so any contract) is recorded or the challenge has moved past the evaluation; ``active`` before."""
        c = self.challenge
        if c.stage == Stage.WITHDRAWN or c.outcome == Outcome.CANCELLED:
            return "cancelled"
        if c.outcome == Outcome.NO_SUITABLE_SOLUTION:
            return "unsuccessful"
        if self.awards:
            return "complete"
        if c.stage in (Stage.OPEN_CALL, Stage.EVALUATION):
            return "active"
        return "complete"

    def tender(self, opened_at: datetime, submitted: int | None) -> dict:
        c = self.challenge
        route = self.path.route or c.route
        tender: dict = {
            "id": f"{self.ocid}-tender",
            "title": self.t("title"),
            "description": self.t("summary"),
            "status": self.tender_status(),
        }
        if self.buyers:
            tender["procuringEntity"] = parts.reference(self.buyers[0])
        notice = self.eforms_contract_notice()
        if route in ROUTE_METHOD:
            tender["procurementMethod"] = ROUTE_METHOD[route]
        elif notice is not None and notice.procedure_type in PROCEDURE_METHOD:
            tender["procurementMethod"] = PROCEDURE_METHOD[notice.procedure_type]
        if route:
            with translation.override(self.language):
                tender["procurementMethodDetails"] = str(Route(route).label)
        elif notice is not None and notice.procedure_type:
            with translation.override(self.language):
                label = PROCEDURE_TYPES.get(notice.procedure_type, notice.procedure_type)
                tender["procurementMethodDetails"] = str(label)
        rationale = self.path.translated("description", self.language).text
        if rationale:
            tender["procurementMethodRationale"] = rationale
        tender["tenderPeriod"] = {
            "startDate": parts.iso(c.call_opens_at or opened_at),
            **({"endDate": parts.iso(c.call_deadline)} if c.call_deadline else {}),
        }
        if notice is not None:
            self.tender_from_notice(tender, notice)
        if submitted is not None:
            tender["numberOfTenderers"] = submitted
        tender["documents"] = self.notice_documents(set(NOTICE_DOCUMENT_TYPE))
        # The first award completes the tender: its time is a change of the tender release too.
        first_award = min((a.created_at for a in self.awards), default=None)
        moment = parts.latest(
            opened_at, self.path.updated_at, first_award, *(n.created_at for n in self.path.notices.all())
        )
        return self.release("tender", moment, tender=tender)

    def tender_from_notice(self, tender: dict, notice: ProcurementNotice) -> None:
        """What the eForms contract notice says: the items (one per lot, CPV), the value, the deadline."""
        if notice.tender_deadline:
            tender["tenderPeriod"] = {
                "startDate": parts.iso(notice.published_on),
                "endDate": parts.iso(notice.tender_deadline),
            }
        if notice.estimated_value is not None and notice.currency:
            tender["value"] = parts.money(notice.estimated_value, notice.currency)
        items: list[dict[str, Any]] = []
        for lot in notice.lots or [{"id": "1", "title": notice.title, "cpv": notice.cpv_codes}]:
            codes = lot.get("cpv") or notice.cpv_codes
            if not codes:
                continue
            item: dict[str, Any] = {
                "id": str(lot.get("id") or len(items) + 1),
                "classification": {"scheme": "CPV", "id": codes[0]},
            }
            description = parts.text(lot.get("title") or {}, notice.original_language, self.language)
            if description:
                item["description"] = description
            if len(codes) > 1:
                item["additionalClassifications"] = [{"scheme": "CPV", "id": code} for code in codes[1:]]
            items.append(item)
        if items:
            tender["items"] = items

    # --- award, contract, implementation ---

    def award_id(self, award) -> str:
        return f"{self.ocid}-award-{award.pk}"

    def award_suppliers(self, awards) -> list[dict]:
        return list({a.supplier_id: self.suppliers[a.supplier_id] for a in awards if a.supplier_id}.values())

    def award_entry(self, award) -> dict:
        entry: dict[str, Any] = {
            "id": self.award_id(award),
            "status": "active",
            "date": parts.iso(award.date),
            "value": parts.money(award.value, award.currency),
        }
        if award.notice_id is not None:
            notice = next((n for n in self.path.notices.all() if n.pk == award.notice_id), None)
            if notice is not None:
                with translation.override(self.language):
                    entry["documents"] = [self.notice_document(notice)]
        if award.supplier_id:
            entry["suppliers"] = [parts.reference(self.suppliers[award.supplier_id])]
        else:
            entry["suppliers"] = [{"id": f"haastemoottori-award-{award.pk}-supplier", "name": award.supplier_name}]
        return entry

    def award_release(self) -> dict:
        moment = parts.latest(*(a.updated_at for a in self.awards))
        return self.release(
            "award",
            moment,
            suppliers=self.award_suppliers(self.awards),
            awards=[self.award_entry(a) for a in self.awards],
        )

    def contract_entry(self, award, contract) -> dict:
        period = {"startDate": parts.iso(contract.start_date)}
        if contract.end_date:
            period["endDate"] = parts.iso(contract.end_date)
        return {
            "id": f"{self.ocid}-contract-{contract.pk}",
            "awardID": self.award_id(award),
            "status": contract.status,
            "value": parts.money(contract.value, contract.currency),
            "period": period,
            "dateSigned": parts.iso(contract.signed_on),
        }

    def contracts(self) -> list[tuple]:
        return [(a, c) for a in self.awards for c in a.contracts.all()]

    def contract_release(self, pairs) -> dict:
        moment = parts.latest(*(c.updated_at for _a, c in pairs))
        awards = [a for a in self.awards if any(a is pa for pa, _c in pairs)]
        return self.release(
            "contract",
            moment,
            suppliers=self.award_suppliers(awards),
            contracts=[self.contract_entry(a, c) for a, c in pairs],
        )

    def implementation_release(self, pairs, pilots) -> dict | None:
        """Pilots' milestones on the contract of the pilot's proposal (or on the only contract)."""
        contracts, moments = [], []
        for award, contract in pairs:
            own = [p for p in pilots if award.proposal_id and getattr(p, "proposal_id", None) == award.proposal_id]
            if not own and len(pairs) == 1:
                own = list(pilots)
            milestones = [m for p in own for m in parts.pilot_milestones(p, self.language)]
            if not milestones:
                continue
            entry = self.contract_entry(award, contract)
            entry["implementation"] = {"milestones": milestones}
            contracts.append(entry)
            moments += [parts.pilot_changed_at(p) for p in own] + [contract.updated_at]
        if not contracts:
            return None
        awards = [a for a, c in pairs if any(e["id"].endswith(f"-contract-{c.pk}") for e in contracts)]
        return self.release(
            "implementation", parts.latest(*moments), suppliers=self.award_suppliers(awards), contracts=contracts
        )


def ocds_release_package(*, challenge, path: ProcurementPath, uri: str, base_url: str, language: str) -> dict:
    """The release package of one challenge (see docs/procurement.md for the field mapping)."""
    from haastemoottori.events.models import Event
    from haastemoottori.proposals.deadline import deadline_passed
    from haastemoottori.proposals.selectors import submitted_count

    builder = _Builder(challenge=challenge, path=path, language=language, base_url=base_url)
    events = list(
        Event.objects.filter(
            challenges=challenge, kind=Event.Kind.MARKET_DIALOGUE, status=Event.Status.PUBLISHED
        ).order_by("starts_at", "id")
    )
    releases = [builder.planning(events)]
    opened_at = builder.tender_opened_at()
    eforms_notice = builder.eforms_contract_notice()
    if opened_at is None and eforms_notice is not None:
        opened_at = parts.as_datetime(eforms_notice.published_on)
    if opened_at is not None:
        submitted = None
        if deadline_passed(challenge):
            submitted = getattr(path, "submitted_proposals", None)
            if submitted is None:
                submitted = submitted_count(challenge=challenge)
        releases.append(builder.tender(opened_at, submitted))
    if builder.awards:
        releases.append(builder.award_release())
    pairs = builder.contracts()
    if pairs:
        releases.append(builder.contract_release(pairs))
        implementation = builder.implementation_release(pairs, parts.pilots_of(challenge))
        if implementation is not None:
            releases.append(implementation)
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": max(releases, key=lambda r: datetime.fromisoformat(r["date"]))["date"],
        "publisher": {"name": str(settings.SITE_NAME)},
        "releases": releases,
    }
