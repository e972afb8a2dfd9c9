"""Loads the co-development demo (``data/codevelopment.json``) through the services the UI uses.

Company people ask questions and the owners answer them, residents and companies comment on the canvases
in co-definition, the cities hold info sessions and workshops, and companies (some as consortia) answer
the open calls. Runs after the challenges exist (see ``loader.py``).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.challenges.models import Challenge
from haastemoottori.comments import services as comment_services
from haastemoottori.events import services as event_services
from haastemoottori.events.models import Event
from haastemoottori.organisations import services as org_services
from haastemoottori.organisations.models import Membership, Organisation, OrganisationIdentifier
from haastemoottori.proposals import services as proposal_services
from haastemoottori.qa import services as qa_services

# People who speak for the demo companies (first names and surnames; the company's slug makes the address).
FIRST_NAMES = [
    "Aino",
    "Jussi",
    "Elina",
    "Karl",
    "Satu",
    "Mikael",
    "Noora",
    "Teemu",
    "Ida",
    "Jonas",
    "Laura",
    "Pekka",
    "Sanna",
    "Oskar",
    "Heidi",
    "Ville",
]
SURNAMES = [
    "Korhonen",
    "Lindqvist",
    "Mäkelä",
    "Nyström",
    "Virtanen",
    "Åberg",
    "Heikkinen",
    "Sjöberg",
    "Laine",
    "Holmström",
    "Koskinen",
    "Ekholm",
    "Järvinen",
    "Wikström",
    "Salminen",
    "Grönroos",
]
RESIDENTS = [
    ("asukas.leppavaara@demo.haastemoottori.fi", "Riitta Asukas", "fi"),
    ("invanare.dickursby@demo.haastemoottori.fi", "Stina Invånare", "sv"),
]


class CodevelopmentLoader:
    def __init__(
        self,
        *,
        data: dict,
        admin: User,
        editors: dict[str, User],
        challenges: dict[str, Challenge],
        password: str,
        now,
        log,
    ) -> None:
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
        self._calls()

    # --- people ---------------------------------------------------------------------------------------

    def person(self, slug: str) -> User:
        """The company's demo contact person (an admin of the organisation), created on first use."""
        if slug in self.people:
            return self.people[slug]
        organisation = Organisation.objects.get(slug=slug)
        user = User.objects.filter(
            memberships__organisation=organisation, memberships__role__in=Membership.EDITOR_ROLES
        ).first()
        if user is None:
            i = len(self.people)
            user = User.objects.create_user(
                f"{slug}@demo.haastemoottori.fi",
                self.password,
                full_name=f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {SURNAMES[(i * 7) % len(SURNAMES)]}",
                preferred_language=organisation.original_language or "fi",
            )
            org_services.membership_set(
                actor=self.admin, organisation=organisation, user=user, role=Membership.Role.ADMIN
            )
        self.people[slug] = user
        return user

    def _residents(self) -> None:
        for email, name, language in RESIDENTS:
            self.residents.append(
                User.objects.create_user(email, self.password, full_name=name, preferred_language=language)
            )

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
                qa_services.clarification_publish(
                    actor=owner, challenge=challenge, text=answer, original_language=challenge.original_language
                )
                count += 1
                continue
            asker = self.person(item["asker"])
            question = qa_services.question_ask(
                actor=asker,
                challenge=challenge,
                text=item["text"],
                language=item["language"],
                asker_organisation=Organisation.objects.get(slug=item["asker"]),
            )
            if item.get("status") == "published" and answer:
                qa_services.question_publish(
                    actor=owner,
                    question=question,
                    public_text=item.get("public_text") or item["text"],
                    answer=answer,
                    original_language=challenge.original_language,
                )
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
            comment = comment_services.comment_create(
                actor=author,
                challenge=challenge,
                section=item["section"],
                text=item["text"],
                language=item["language"],
                organisation=organisation,
                now=at,
            )
            owner = self._lead_editor(challenge)
            if item.get("taken_into_account"):
                note = item["taken_into_account"].get(challenge.original_language) or next(
                    iter(item["taken_into_account"].values())
                )
                comment_services.comment_take_into_account(actor=owner, comment=comment, note=note)
            if item.get("hidden_reason"):
                reason = item["hidden_reason"].get(challenge.original_language) or next(
                    iter(item["hidden_reason"].values())
                )
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
                actor=self.editors[organiser.slug],
                organiser=organiser,
                original_language=item.get("language", "fi"),
                title=item["title"],
                challenges=[self.challenge(key) for key in item["challenges"]],
                kind=item["kind"],
                description=item.get("description", {}),
                starts_at=starts + shift,
                ends_at=ends + shift,
                location=item.get("location", ""),
                online_url=item.get("online_url", ""),
                language=item.get("language", "fi"),
                capacity=item.get("capacity"),
            )
            for slug in item.get("registrations", []):
                event_services.registration_create(
                    actor=self.person(slug), event=event, organisation=Organisation.objects.get(slug=slug)
                )
            if past:
                Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=ends)
        self.log(f"  {len(self.data.get('events', []))} events")

    # --- open calls and proposals ---------------------------------------------------------------------

    def _calls(self) -> None:
        by_challenge: dict[str, list[dict]] = {}
        for item in self.data.get("proposals", []):
            by_challenge.setdefault(item["challenge"], []).append(item)
        for call in self.data.get("calls", []):
            challenge = self.challenge(call["challenge"])
            # A call that has already closed (evaluation) is configured and answered as it was while open: the
            # deadline is moved ahead for the load and put back afterwards, as the services refuse late changes.
            deadline, stage = challenge.call_deadline, challenge.stage
            closed = deadline is not None and deadline <= timezone.now()
            if closed:
                Challenge.objects.filter(pk=challenge.pk).update(
                    call_deadline=timezone.now() + timedelta(days=1), stage="open_call"
                )
                challenge.refresh_from_db()
            self._call(challenge, call, by_challenge.get(call["challenge"], []))
            if closed:
                Challenge.objects.filter(pk=challenge.pk).update(call_deadline=deadline, stage=stage)
        self.log(f"  {len(self.data.get('calls', []))} calls, {len(self.data.get('proposals', []))} proposals")

    def _call(self, challenge: Challenge, data: dict, proposals: list[dict]) -> None:
        owner = self._lead_editor(challenge)
        proposal_services.call_update(
            actor=owner,
            challenge=challenge,
            eligibility=data.get("eligibility", {}),
            instructions=data.get("instructions", {}),
            max_file_size=10 * 1024 * 1024,
            max_files=5,
        )
        for i, criterion in enumerate(data.get("criteria", [])):
            proposal_services.criterion_add(
                actor=owner,
                challenge=challenge,
                name=criterion["name"],
                description=criterion.get("description", {}),
                weight=criterion["weight"],
                order=i,
            )
        questions = []
        for i, q in enumerate(data.get("questions", [])):
            questions.append(
                proposal_services.question_add(
                    actor=owner,
                    challenge=challenge,
                    values={
                        "label": q["label"],
                        "help": q.get("help", {}),
                        "kind": q["kind"],
                        "required": q.get("required"),
                        "confidential": q.get("confidential"),
                        "max_length": q.get("max_length"),
                        "min_value": q.get("min"),
                        "max_value": q.get("max"),
                        "choices": q.get("choices", []),
                        "order": i,
                    },
                )
            )
        for item in proposals:
            self._proposal(challenge, questions, item)

    def _proposal(self, challenge: Challenge, questions: list, item: dict) -> None:
        person = self.person(item["lead"])
        proposal = proposal_services.proposal_start(
            actor=person,
            challenge=challenge,
            lead=Organisation.objects.get(slug=item["lead"]),
            title=item["title"],
            another=True,  # the demo's proposals are seeded as written, several per company if so
            language=item.get("language", "fi"),
        )
        answers = {q.pk: a for q, a in zip(questions, item["answers"], strict=True) if a is not None}
        proposal = proposal_services.proposal_save(
            actor=person, proposal=proposal, version=proposal.version, answers=answers
        )
        for question in questions:
            if question.kind == "file":
                proposal_services.attachment_upload(
                    actor=person,
                    proposal=proposal,
                    question=question,
                    uploaded_file=SimpleUploadedFile(
                        f"{item['lead']}-kuvaus.pdf", _demo_pdf(item["title"]), content_type="application/pdf"
                    ),
                )
        for slug in item.get("partners", []):
            partner = proposal_services.partner_invite(
                actor=person,
                proposal=proposal,
                business_id=Organisation.objects.get(slug=slug)
                .identifiers.get(scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID)
                .identifier,
            )
            proposal_services.partner_respond(actor=self.person(slug), partner=partner, confirm=True)
        if item.get("submit"):
            proposal.refresh_from_db()
            proposal_services.proposal_submit(actor=person, proposal=proposal)


def _demo_pdf(title: str) -> bytes:
    """A one-page PDF with the proposal's title (enough for the content check and a reader)."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 60 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out
