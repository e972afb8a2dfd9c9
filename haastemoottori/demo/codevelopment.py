"""Loads the co-development demo (``data/codevelopment.json``) through the services the UI uses.

Company people ask questions and the owners answer them, residents and companies comment on the canvases
in co-definition, the cities hold info sessions and workshops, and companies (some as consortia) answer
the open calls. Runs after the challenges exist (see ``loader.py``).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.challenges.models import Challenge
from haastemoottori.comments import services as comment_services
from haastemoottori.events import services as event_services
from haastemoottori.events.models import Event
from haastemoottori.organisations import services as org_services
from haastemoottori.organisations.models import Membership, Organisation
from haastemoottori.qa import services as qa_services

# People who speak for the demo companies (first names and surnames; the company's slug makes the address).
FIRST_NAMES = ["Aino", "Jussi", "Elina", "Karl", "Satu", "Mikael", "Noora", "Teemu", "Ida", "Jonas", "Laura",
               "Pekka", "Sanna", "Oskar", "Heidi", "Ville"]
SURNAMES = ["Korhonen", "Lindqvist", "Mäkelä", "Nyström", "Virtanen", "Åberg", "Heikkinen", "Sjöberg",
            "Laine", "Holmström", "Koskinen", "Ekholm", "Järvinen", "Wikström", "Salminen", "Grönroos"]
RESIDENTS = [("asukas.leppavaara@demo.haastemoottori.fi", "Riitta Asukas", "fi"),
             ("invanare.dickursby@demo.haastemoottori.fi", "Stina Invånare", "sv")]


class CodevelopmentLoader:
    def __init__(self, *, data: dict, admin: User, editors: dict[str, User], challenges: dict[str, Challenge],
                 password: str, now, log) -> None:
        self.data = data
        self.challenges = challenges
        self.admin = admin
        self.editors = editors
        self.password = password
        self.now = now
        self.log = log
        self.people: dict[str, User] = {}
        self.residents: list[User] = []

    def load(self) -> None:
        self._residents()
        self._questions()
        self._comments()
        self._events()

    # --- people ---------------------------------------------------------------------------------------

    def person(self, slug: str) -> User:
        """The company's demo contact person (an admin of the organisation), created on first use."""
        if slug in self.people:
            return self.people[slug]
        organisation = Organisation.objects.get(slug=slug)
        user = (User.objects.filter(memberships__organisation=organisation,
                                    memberships__role__in=Membership.EDITOR_ROLES).first())
        if user is None:
            i = len(self.people)
            user = User.objects.create_user(
                f"{slug}@demo.haastemoottori.fi", self.password,
                full_name=f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {SURNAMES[(i * 7) % len(SURNAMES)]}",
                preferred_language=organisation.original_language or "fi")
            org_services.membership_set(actor=self.admin, organisation=organisation, user=user,
                                        role=Membership.Role.ADMIN)
        self.people[slug] = user
        return user

    def _residents(self) -> None:
        for email, name, language in RESIDENTS:
            self.residents.append(User.objects.create_user(email, self.password, full_name=name,
                                                           preferred_language=language))

    def challenge(self, key: str) -> Challenge:
        return Challenge.objects.get(pk=self.challenges[key].pk)

    def _lead_editor(self, challenge: Challenge) -> User:
        lead = challenge.ownerships.get(role="lead").organisation
        return self.editors[lead.slug]

    # --- questions and answers ------------------------------------------------------------------------

    def _questions(self) -> None:
        count = 0
        for item in self.data.get("questions", []):
            challenge = self.challenge(item["challenge"])
            owner = self._lead_editor(challenge)
            answer = item.get("answer")
            if item.get("kind") == "clarification":
                qa_services.clarification_publish(actor=owner, challenge=challenge, text=answer,
                                                  original_language=challenge.original_language)
                count += 1
                continue
            asker = self.person(item["asker"])
            question = qa_services.question_ask(actor=asker, challenge=challenge, text=item["text"],
                                                language=item["language"],
                                                asker_organisation=Organisation.objects.get(slug=item["asker"]))
            if item.get("status") == "published" and answer:
                qa_services.question_publish(actor=owner, question=question,
                                             public_text=item.get("public_text") or item["text"],
                                             answer=answer, original_language=challenge.original_language)
            count += 1
        self.log(f"  {count} questions and clarifications")

    # --- comments on the canvas -----------------------------------------------------------------------

    def _comments(self) -> None:
        residents = iter(self.residents * 10)
        for i, item in enumerate(self.data.get("comments", [])):
            challenge = self.challenge(item["challenge"])
            if item["author"] == "resident":
                author, organisation = next(residents), None
            else:
                author = self.person(item["author"])
                organisation = Organisation.objects.get(slug=item["author"])
            # Spread over the past days, as people wrote them (the rate limits apply per ten minutes and day).
            at = self.now - timedelta(days=len(self.data["comments"]) - i, hours=i)
            comment = comment_services.comment_create(actor=author, challenge=challenge, section=item["section"],
                                                      text=item["text"], language=item["language"],
                                                      organisation=organisation, now=at)
            owner = self._lead_editor(challenge)
            if item.get("taken_into_account"):
                note = item["taken_into_account"].get(challenge.original_language) or next(
                    iter(item["taken_into_account"].values()))
                comment_services.comment_take_into_account(actor=owner, comment=comment, note=note)
            if item.get("hidden_reason"):
                reason = item["hidden_reason"].get(challenge.original_language) or next(
                    iter(item["hidden_reason"].values()))
                comment_services.comment_hide(actor=owner, comment=comment, reason=reason)
        self.log(f"  {len(self.data.get('comments', []))} comments")

    # --- events ---------------------------------------------------------------------------------------

    def _events(self) -> None:
        for item in self.data.get("events", []):
            organiser = Organisation.objects.get(slug=item["organiser"])
            hour, minute = (int(x) for x in item["start_time"].split(":"))
            day = timezone.localtime(self.now) + timedelta(days=item["starts_in_days"])
            starts = day.replace(hour=hour, minute=minute, second=0, microsecond=0)
            ends = starts + timedelta(minutes=item["duration_minutes"])
            past = starts <= self.now
            # A past event is created as it was announced (in the future), people register, then it happened.
            shift = timedelta(days=60) if past else timedelta(0)
            event = event_services.event_create(
                actor=self.editors[organiser.slug], organiser=organiser,
                original_language=item.get("language", "fi"), title=item["title"],
                challenges=[self.challenge(key) for key in item["challenges"]], kind=item["kind"],
                description=item.get("description", {}), starts_at=starts + shift, ends_at=ends + shift,
                location=item.get("location", ""), online_url=item.get("online_url", ""),
                language=item.get("language", "fi"), capacity=item.get("capacity"))
            for slug in item.get("registrations", []):
                event_services.registration_create(actor=self.person(slug), event=event,
                                                   organisation=Organisation.objects.get(slug=slug))
            if past:
                Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=ends)
        self.log(f"  {len(self.data.get('events', []))} events")
