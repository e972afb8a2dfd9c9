"""Loads the demo's requests to pilot on development platforms (``data/pilot_requests.json``) through the pilots
services, acting as the company's person and the platform city's editor, so the demo also shows the thread, the
decisions, an overlap (two requests for the same place on Aviapolis) and a pilot tested there before.

Each item: ``platform``, ``requester`` (a company slug), ``person`` (``{name, language}``, created when the
company has no member yet), ``language``, ``title``, ``summary``, ``site_area``, ``start``/``end`` (days from
today), ``needs``, ``needs_details``, ``safety_notes``, ``data_protection_notes``, ``thread`` (``[{side: owner |
requester, body}]``) and ``decision`` (``{outcome: approved | declined, conditions | reason}``). A request whose
dates are in the past is made for future dates and then moved back (only its dates).
"""

from __future__ import annotations

import json

from haastemoottori.accounts.models import User
from haastemoottori.organisations import services as org_services
from haastemoottori.organisations.models import Membership, Organisation
from haastemoottori.pilots import services as pilot_services
from haastemoottori.pilots.models import PilotRequest
from haastemoottori.platforms.models import DevelopmentPlatform

from .settings import DATA_DIR


class PilotRequestLoader:
    def __init__(self, *, loader) -> None:
        self.loader = loader
        self.data = json.loads((DATA_DIR / "pilot_requests.json").read_text(encoding="utf-8"))

    def person(self, organisation: Organisation, spec: dict | None) -> User:
        user = User.objects.filter(memberships__organisation=organisation).order_by("pk").first()
        if user is not None:
            return user
        spec = spec or {"name": f"{organisation} (demo)", "language": "fi"}
        user = User.objects.create_user(
            f"{organisation.slug}.pilots@demo.haastemoottori.fi",
            None,
            full_name=spec["name"],
            preferred_language=spec["language"],
        )
        user.password = self.loader.admin.password  # the demo password, hashed once
        user.save(update_fields=["password"])
        org_services.membership_set(
            actor=self.loader.admin, organisation=organisation, user=user, role=Membership.Role.ADMIN
        )
        return user

    def load(self) -> None:
        for spec in self.data:
            self._request(spec)
        self.loader.log(f"  {PilotRequest.objects.count()} pilot requests on development platforms")

    def _request(self, spec: dict) -> None:
        platform = DevelopmentPlatform.objects.select_related("owner").get(slug=spec["platform"])
        requester = Organisation.objects.get(slug=spec["requester"])
        person = self.person(requester, spec.get("person"))
        city = self.loader.editors[platform.owner.slug]
        length = spec["end"] - spec["start"]
        start = max(spec["start"], 1)
        request = pilot_services.pilot_request_submit(
            actor=person,
            platform=platform,
            requester=requester,
            language=spec["language"],
            title=spec["title"],
            summary=spec["summary"],
            site_area=spec["site_area"],
            start_date=self.loader._date(start),
            end_date=self.loader._date(start + length),
            needs=spec["needs"],
            needs_details=spec["needs_details"],
            safety_notes=spec["safety_notes"],
            data_protection_notes=spec["data_protection_notes"],
        )
        for message in spec.get("thread", []):
            if message["side"] == "owner":
                pilot_services.pilot_request_ask(actor=city, request=request, body=message["body"])
            else:
                pilot_services.pilot_request_answer(actor=person, request=request, body=message["body"])
        decision = spec.get("decision")
        if decision and decision["outcome"] == "approved":
            pilot_services.pilot_request_approve(actor=city, request=request, conditions=decision.get("conditions", ""))
        elif decision:
            pilot_services.pilot_request_decline(actor=city, request=request, reason=decision["reason"])
        if start != spec["start"]:
            PilotRequest.objects.filter(pk=request.pk).update(
                start_date=self.loader._date(spec["start"]), end_date=self.loader._date(spec["end"])
            )
