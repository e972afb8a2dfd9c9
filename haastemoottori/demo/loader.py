"""Loads the capital-region demo data (``data/*.json``) through the same services the UI uses.

Challenges are created as drafts, filled in, approved by their owners and moved through the real
transitions to their demo stage, so the demo also exercises the lifecycle and the audit trail.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.challenges import services as challenge_services
from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.models import Challenge
from haastemoottori.organisations import services as org_services
from haastemoottori.organisations import services_members as member_services
from haastemoottori.organisations import services_profile as profile_services
from haastemoottori.organisations.models import Department, Membership, Organisation, OrganisationIdentifier
from haastemoottori.platforms import services as platform_services
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.taxonomy.models import IndustryCode, Theme

from .foresight import ForesightLoader
from .settings import DATA_DIR, DEMO_JOIN_REQUESTS, DEMO_PASSWORD, DEMO_USERS, PATHS, STEP_DAYS

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "DemoLoader"]


def _read(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


class DemoLoader:
    def __init__(self, stdout=None) -> None:
        self.stdout = stdout
        self.now = timezone.now()
        self.admin: User | None = None
        self.editors: dict[str, User] = {}
        self.challenges: dict[str, Challenge] = {}  # by the key in challenges.json

    def log(self, message: str) -> None:
        if self.stdout:
            self.stdout.write(message)

    @transaction.atomic
    def load(self) -> dict[str, int]:
        if Organisation.objects.exists():
            raise RuntimeError("The database already has organisations; the demo loads into an empty database.")
        self._taxonomy()
        self._users()
        self._organisations()
        self._join_requests()
        self._platforms()
        self._challenges()
        self._codevelopment()
        self._delivery()
        self._pilot_requests()
        ForesightLoader(loader=self).load()  # signals, clusters and the backlog: foresight.py
        return {
            "organisations": Organisation.objects.count(),
            "challenges": Challenge.objects.count(),
            "users": User.objects.count(),
        }

    def _taxonomy(self) -> None:
        Theme.objects.bulk_create(
            [
                Theme(slug=t["slug"], kind=t["kind"], number=t.get("number"), name=t["name"], ordering=i)
                for i, t in enumerate(_read("themes.json"))
            ]
        )
        IndustryCode.objects.bulk_create(
            [IndustryCode(code=c["code"], name=c["name"]) for c in _read("industry_codes.json")]
        )

    def _users(self) -> None:
        self.admin = User.objects.create_superuser(DEMO_USERS[0][0], DEMO_PASSWORD, full_name=DEMO_USERS[0][1])

    def _organisation(self, data: dict, kind: str) -> Organisation:
        original = data.get("original_language") or (
            "fi" if not isinstance(data["name"], dict) or "fi" in data["name"] else next(iter(data["name"]))
        )
        name = data["name"] if isinstance(data["name"], dict) else {original: data["name"]}
        identifiers = (
            [(OrganisationIdentifier.FINNISH_BUSINESS_ID, data["business_id"])] if data.get("business_id") else []
        )
        fields = {
            "website": data.get("website", ""),
            "description": data.get("description", {}),
            "capabilities": data.get("capabilities", {}),
            "brand_colour": data.get("brand_colour", ""),
            "is_sme": data.get("sme"),
            "industry_codes": list(IndustryCode.objects.filter(code__in=data.get("industry_codes", []))),
            "themes": list(Theme.objects.filter(slug__in=data.get("themes", []))),
        }
        if data.get("home_city"):
            fields["home_city"] = Organisation.objects.filter(slug=data["home_city"]).first()
        return org_services.organisation_create(
            actor=self.admin,
            kind=kind,
            name=name,
            original_language=original,
            identifiers=identifiers,
            slug=data["slug"],
            # The demo's organisations are vouched for by the demo itself (docs/identity.md).
            verification_method=Organisation.VerificationMethod.SEED,
            **fields,
        )

    def _organisations(self) -> None:
        for data in _read("cities.json"):
            organisation = self._organisation(data, data.get("kind", "city"))
            for dep in data.get("departments", []):
                org_services.department_create(
                    actor=self.admin, organisation=organisation, name=dep["name"], slug=dep["slug"]
                )
        for data in _read("companies.json"):
            self._profile(self._organisation(data, data.get("kind", "company")), data)
        for email, name, org_slug, role in DEMO_USERS[1:]:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
            organisation = Organisation.objects.get(slug=org_slug)
            assert role is not None  # every demo user but the admin has one
            org_services.membership_set(actor=self.admin, organisation=organisation, user=user, role=role)
        # Each city gets an editor that can act for it in the demo's approvals.
        for org in Organisation.objects.owners():
            editor = User.objects.filter(
                memberships__organisation=org, memberships__role__in=Membership.EDITOR_ROLES
            ).first()
            if editor is None:
                editor = User.objects.create_user(
                    f"{org.slug}.owner@demo.haastemoottori.fi", DEMO_PASSWORD, full_name=f"{org} (demo)"
                )
                org_services.membership_set(
                    actor=self.admin, organisation=org, user=editor, role=Membership.Role.CHALLENGE_OWNER
                )
            self.editors[org.slug] = editor

    def _profile(self, organisation: Organisation, data: dict) -> None:
        """What a company or research organisation offers, and its references, through the profile services."""
        assert self.admin is not None  # created first
        profile_services.organisation_update_profile(
            actor=self.admin,
            organisation=organisation,
            offering=data.get("offering", {}),
            trl=data.get("trl"),
            languages_served=data.get("languages_served", []),
            cities_served=list(Organisation.objects.cities().filter(slug__in=data.get("cities_served", []))),
        )
        for ref in data.get("references", []):
            profile_services.reference_create(
                actor=self.admin,
                organisation=organisation,
                title=ref["title"],
                description=ref.get("description", {}),
                client=ref.get("client", ""),
                client_organisation=Organisation.objects.filter(slug=ref.get("client_organisation") or "").first(),
                year=ref.get("year"),
                is_pilot=ref.get("is_pilot", False),
                url=ref.get("url", ""),
            )

    def _join_requests(self) -> None:
        """One request to join a company waits for its demo admin."""
        for email, name, org_slug, message in DEMO_JOIN_REQUESTS:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name, preferred_language="fi")
            member_services.join_request_create(
                user=user, organisation=Organisation.objects.get(slug=org_slug), message=message
            )

    def _platforms(self) -> None:
        for data in _read("platforms.json"):
            platform_services.platform_create(
                actor=self.admin,
                slug=data["slug"],
                owner=Organisation.objects.get(slug=data["owner"]),
                name=data["name"],
                description=data.get("description", {}),
                location=data.get("location", {}),
                latitude=data.get("latitude"),
                longitude=data.get("longitude"),
                testing=data.get("testing", {}),
                contact_name=data.get("contact_name", ""),
                contact_email=data.get("contact_email", ""),
                website=data.get("website", ""),
            )

    def _at(self, days):
        if days is None:
            return None
        local = timezone.localtime(self.now + timedelta(days=days))
        return local.replace(hour=16, minute=0, second=0, microsecond=0)

    def _date(self, days):
        return None if days is None else timezone.localdate(self.now + timedelta(days=days))

    def _codevelopment(self) -> None:
        from .codevelopment import CodevelopmentLoader

        assert self.admin is not None  # created first
        CodevelopmentLoader(
            data=_read("codevelopment.json"),
            admin=self.admin,
            editors=self.editors,
            challenges=self.challenges,
            password=DEMO_PASSWORD,
            now=self.now,
            log=self.log,
        ).load()

    def _delivery(self) -> None:
        from .delivery import DeliveryLoader

        DeliveryLoader(loader=self).load()

    def _pilot_requests(self) -> None:
        from .pilot_requests import PilotRequestLoader

        PilotRequestLoader(loader=self).load()

    def _challenges(self) -> None:
        from .delivery import held_challenges

        held = held_challenges()
        for data in _read("challenges.json"):
            self.challenges[data["slug"]] = self._challenge(data, hold=data["slug"] in held)

    def _challenge(self, data: dict, hold: bool = False) -> Challenge:
        lead = Organisation.objects.get(slug=data["lead"])
        actor = self.editors[lead.slug]
        dates = data.get("dates", {})
        stage = data["stage"]
        deadline_days = dates.get("call_deadline")
        canvas = {
            f: data.get(f, {})
            for f in (
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
        }
        challenge = challenge_services.challenge_create(
            actor=actor,
            lead=lead,
            original_language=data.get("original_language", "fi"),
            title=data["title"],
            lead_department=Department.objects.filter(organisation=lead, slug=data.get("lead_department")).first(),
            route=data.get("route", ""),
            platform=DevelopmentPlatform.objects.filter(slug=data.get("platform") or "").first(),
            themes=list(Theme.objects.filter(slug__in=data.get("themes", []))),
            budget_min=data.get("budget_min"),
            budget_max=data.get("budget_max"),
            call_opens_at=self._at(dates.get("call_opens")),
            call_deadline=self._at(deadline_days),
            pilot_start=self._date(dates.get("pilot_start")),
            pilot_end=self._date(dates.get("pilot_end")),
            **canvas,
        )
        challenge_services.challenge_set_indicators(
            actor=actor, challenge=challenge, indicators=data.get("indicators", [])
        )
        for co in data.get("co_owners", []):
            org = Organisation.objects.get(slug=co["org"])
            if challenge.ownerships.filter(organisation=org).exists():
                # Ownership is per organisation; another department of an owner takes part through it.
                continue
            challenge_services.challenge_add_owner(
                actor=actor,
                challenge=challenge,
                organisation=org,
                role=co.get("role", "co_owner"),
                department=Department.objects.filter(organisation=org, slug=co.get("department")).first(),
                budget_share=co.get("budget_share"),
            )
        path = PATHS[stage]
        if hold:  # delivery.py answers its call while it is open, then moves it on with advance()
            path = path[: path.index(Stage.OPEN_CALL) + 1]
        if any(step in (Stage.CO_DEFINITION, Stage.OPEN_CALL) for step in path):
            for ownership in challenge.ownerships.select_related("organisation"):
                if ownership.must_approve:
                    challenge_services.challenge_approve(
                        actor=self.editors[ownership.organisation.slug],
                        challenge=challenge,
                        organisation=ownership.organisation,
                    )
        # Replay the lifecycle at the times it would have happened, so the timeline has real dates.
        anchor = deadline_days if deadline_days is not None else 0
        for i, step in enumerate(path):
            at = min(self.now + timedelta(days=anchor + STEP_DAYS[step]), self.now - timedelta(minutes=len(path) - i))
            challenge = self.advance(data, challenge, step, at)
        self.log(f"  {challenge.stage:14} {challenge.slug}")
        return challenge

    def advance(self, data: dict, challenge: Challenge, step: str, at) -> Challenge:
        """One transition of the challenge in ``data`` as its lead's editor, as it happened at ``at``."""
        challenge = challenge_services.challenge_transition(
            actor=self.editors[data["lead"]],
            challenge=challenge,
            target=step,
            now=at,
            reason=(data.get("withdraw_reason") or "Resurssit siirrettiin toiseen hankkeeseen.")
            if step == Stage.WITHDRAWN
            else "",
            outcome=(data.get("outcome") or "pilot_completed") if step == Stage.CLOSED else "",
        )
        if data.get("outcome_note") and challenge.stage == Stage.CLOSED:
            Challenge.objects.filter(pk=challenge.pk).update(outcome_note=data["outcome_note"])
        return challenge
