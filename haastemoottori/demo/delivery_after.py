"""The delivery demo after evaluation (delivery.py): procurement, pilots with their KPIs and signed references, and
adoptions by other cities; a part of ``DeliveryLoader``, which brings the people, the data and the times."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from haastemoottori.accounts.models import User
from haastemoottori.challenges.models import Challenge
from haastemoottori.organisations.models import Organisation
from haastemoottori.pilots import services as pilot_services
from haastemoottori.pilots.models import KPIMeasurement, Milestone, Pilot
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.procurement import services as procurement_services
from haastemoottori.proposals.models import Proposal
from haastemoottori.references import services as reference_services
from haastemoottori.references.models import PilotReference
from haastemoottori.references.selectors import issuable_organisations

# Notices link to a stand-in for Hilma (hankintailmoitukset.fi): the demo's notice IDs are made up.
NOTICE_URL = "https://www.hankintailmoitukset.example/fi/public/procurement/{number}/notice/{number}/overview"


class AfterEvaluation:
    """Procurement, pilots and adoptions of ``DeliveryLoader`` (its people, challenges and times)."""

    loader: Any  # the DemoLoader replaying the challenges
    data: dict
    info: dict

    def person(self, slug: str) -> User:
        """Who acts for an organisation (``DeliveryLoader.person``)."""
        raise NotImplementedError

    def challenge(self, key: str) -> Challenge:
        return Challenge.objects.get(pk=self.loader.challenges[key].pk)

    def at(self, days):
        return self.loader._at(days)

    def date(self, days):
        return self.loader._date(days)

    def _procure(self, challenge: Challenge, spec: dict) -> None:
        owner = self.person(self.info[spec["challenge"]]["lead"])
        procurement_services.path_update(
            actor=owner, challenge=challenge, route=spec["route"], description=spec["description"]
        )
        for notice in spec["notices"]:
            procurement_services.notice_add(
                actor=owner,
                challenge=challenge,
                kind=notice["kind"],
                notice_id=notice["id"],
                url=NOTICE_URL.format(number=notice["id"].split("-")[-1]),
                published_on=self.date(notice["days"]),
            )
        for item in spec["awards"]:
            proposal = Proposal.objects.get(call__challenge=challenge, lead__slug=item["proposal"])
            award = procurement_services.award_add(
                actor=owner,
                challenge=challenge,
                proposal=proposal,
                value=Decimal(item["value"]),
                date=self.date(item["days"]),
            )
            for contract in item["contracts"]:
                procurement_services.contract_add(
                    actor=owner,
                    award=award,
                    value=Decimal(contract["value"]),
                    status=contract["status"],
                    signed_on=self.date(contract["signed"]),
                    start_date=self.date(contract["start"]),
                    end_date=self.date(contract["end"]),
                )

    # --- pilots ---------------------------------------------------------------------------------------

    def _pilot(self, challenge: Challenge, spec: dict) -> None:
        dates = self.info[spec["challenge"]]["dates"]
        owner = self.person(self.info[spec["challenge"]]["lead"])
        proposal = Proposal.objects.get(call__challenge=challenge, lead__slug=spec["proposal"])
        pilot = pilot_services.pilot_create(
            actor=owner,
            proposal=proposal,
            title=spec["title"],
            original_language=proposal.language,
            scope=spec["scope"],
            start_date=self.date(dates["pilot_start"]),
            end_date=self.date(dates["pilot_end"]),
            platform=DevelopmentPlatform.objects.filter(slug=spec.get("platform") or "").first(),
            location=spec["location"],
            budget_total=Decimal(spec["budget_total"]),
            budget_shares={
                Organisation.objects.get(slug=slug): Decimal(amount) for slug, amount in spec["budget_shares"].items()
            },
        )
        Pilot.objects.filter(pk=pilot.pk).update(created_at=self.at(dates["pilot_start"] - 21))
        pilot = pilot_services.pilot_update(actor=owner, pilot=pilot, status=Pilot.Status.RUNNING)
        for item in spec["milestones"]:
            milestone = pilot_services.milestone_add(
                actor=owner, pilot=pilot, title=item["title"], due_date=self.date(item["due"])
            )
            if item["done"]:
                pilot_services.milestone_set_done(actor=owner, milestone=milestone, done=True)
                Milestone.objects.filter(pk=milestone.pk).update(done_at=self.at(item["due"]))
        for item in spec["kpis"]:
            self._kpi(owner, pilot, item)
        for item in spec["check_ins"]:
            pilot_services.check_in_create(
                actor=self.person(item["by"]),
                pilot=pilot,
                status=item["status"],
                summary=item["summary"],
                next_steps=item.get("next_steps", ""),
                on=self.date(item["days"]),
                language=item["language"],
            )
        finish = spec.get("finish")
        if finish:
            pilot = pilot_services.pilot_finish(
                actor=owner,
                pilot=pilot,
                results=finish["results"],
                lessons=finish["lessons"],
                scale_up=finish["scale_up"],
                scale_up_reasons=finish["reasons"],
                ended_on=self.date(dates["pilot_end"]),
            )
            Pilot.objects.filter(pk=pilot.pk).update(finished_at=self.at(finish["days"]))
            if finish.get("reference"):
                self._references(owner, pilot, finish["reference"])

    def _references(self, owner: User, pilot: Pilot, spec: dict) -> None:
        """The lead city's signed references to the pilot's companies; shown on their profiles when ``public``."""
        issued = reference_services.reference_issue(
            actor=owner,
            pilot=pilot,
            organisations=issuable_organisations(pilot),
            statement=spec["statement"],
            signer_role=spec["signer_role"],
            language=spec["language"],
        )
        for reference in issued:
            PilotReference.objects.filter(pk=reference.pk).update(issued_at=self.at(spec["days"]))
            if spec.get("public"):
                reference_services.reference_set_public(
                    actor=self.person(reference.organisation.slug), reference=reference, is_public=True
                )

    def _kpi(self, owner: User, pilot: Pilot, spec: dict) -> None:
        kpi = pilot_services.kpi_add(
            actor=owner,
            pilot=pilot,
            name=spec["name"],
            baseline=Decimal(str(spec["baseline"])),
            target=Decimal(str(spec["target"])),
            direction=spec["direction"],
            unit=spec["unit"],
            method=spec["method"],
            is_co2e=spec.get("co2e", False),
        )
        recorded = []
        for item in spec["measurements"]:
            measurement = pilot_services.measurement_record(
                actor=owner,
                kpi=kpi,
                value=Decimal(str(item["value"])),
                measured_on=self.date(item["days"]),
                note=item.get("note", ""),
            )
            KPIMeasurement.objects.filter(pk=measurement.pk).update(created_at=self.at(item["days"]))
            recorded.append(measurement)
        for item in spec.get("corrections", []):
            original = recorded[item["of"]]
            measurement = pilot_services.measurement_record(
                actor=owner,
                kpi=kpi,
                value=Decimal(str(item["value"])),
                measured_on=original.measured_on,
                note=item["note"],
                corrects=original,
            )
            KPIMeasurement.objects.filter(pk=measurement.pk).update(created_at=self.at(item["recorded"]))

    # --- adoption -------------------------------------------------------------------------------------

    def _adoptions(self) -> None:
        for item in self.data.get("adoptions", []):
            source = self.challenge(item["challenge"])
            pilot = Pilot.objects.get(challenge=source, proposal__lead__slug=item["pilot"])
            pilot_services.challenge_adopt(
                actor=self.person(item["organisation"]),
                source_challenge=source,
                organisation=Organisation.objects.get(slug=item["organisation"]),
                source_pilot=pilot,
            )
