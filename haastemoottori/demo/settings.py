"""What the demo is made of besides its data files: where they are, how each demo challenge reached its stage,
and the demo people (one per role; the password is for local use only and printed by ``seed_demo``)."""

from pathlib import Path

from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.organisations.models import Membership

DATA_DIR = Path(__file__).parent / "data"

# The path of transitions from draft to each demo stage.
PATHS: dict[str, list[str]] = {
    Stage.DRAFT: [],
    Stage.IN_REVIEW: [Stage.IN_REVIEW],
    Stage.CO_DEFINITION: [Stage.IN_REVIEW, Stage.CO_DEFINITION],
    Stage.OPEN_CALL: [Stage.IN_REVIEW, Stage.CO_DEFINITION, Stage.OPEN_CALL],
    Stage.EVALUATION: [Stage.IN_REVIEW, Stage.CO_DEFINITION, Stage.OPEN_CALL, Stage.EVALUATION],
    Stage.PILOTING: [Stage.IN_REVIEW, Stage.CO_DEFINITION, Stage.OPEN_CALL, Stage.EVALUATION, Stage.PILOTING],
    Stage.CLOSED: [
        Stage.IN_REVIEW,
        Stage.CO_DEFINITION,
        Stage.OPEN_CALL,
        Stage.EVALUATION,
        Stage.PILOTING,
        Stage.CLOSED,
    ],
    Stage.WITHDRAWN: [Stage.IN_REVIEW, Stage.CO_DEFINITION, Stage.WITHDRAWN],
    Stage.ARCHIVED: [Stage.IN_REVIEW, Stage.CO_DEFINITION, Stage.CLOSED, Stage.ARCHIVED],
}

# When each step happened, in days relative to the call deadline (or to today without a deadline).
STEP_DAYS: dict[str, int] = {
    Stage.IN_REVIEW: -90,
    Stage.CO_DEFINITION: -75,
    Stage.OPEN_CALL: -45,
    Stage.EVALUATION: 1,
    Stage.PILOTING: 20,
    Stage.CLOSED: 120,
    Stage.WITHDRAWN: -30,
    Stage.ARCHIVED: 150,
}

# One demo user per role; passwords are for local use only and printed by the command.
DEMO_USERS = [
    ("admin@demo.haastemoottori.fi", "Platform Admin", None, None),
    ("espoo.admin@demo.haastemoottori.fi", "Eeva Espoolainen", "espoo", Membership.Role.ADMIN),
    ("espoo.owner@demo.haastemoottori.fi", "Olli Omistaja", "espoo", Membership.Role.CHALLENGE_OWNER),
    ("vantaa.owner@demo.haastemoottori.fi", "Vilma Vantaalainen", "vantaa", Membership.Role.CHALLENGE_OWNER),
    ("helsinki.owner@demo.haastemoottori.fi", "Henrik Helsingius", "helsinki", Membership.Role.CHALLENGE_OWNER),
    ("evaluator@demo.haastemoottori.fi", "Aino Arvioija", "helsinki", Membership.Role.EVALUATOR),
    ("member@demo.haastemoottori.fi", "Mikko Jäsen", "vantaa", Membership.Role.MEMBER),
    ("lampoaalto.admin@demo.haastemoottori.fi", "Lotta Lämpö", "lampoaalto", Membership.Role.ADMIN),
]
# People who asked to join a company at sign-up (email, name, organisation, message).
DEMO_JOIN_REQUESTS = [
    ("hakija@demo.haastemoottori.fi", "Heikki Hakija", "lampoaalto", "Aloitin myyntipäällikkönä maaliskuussa."),
]
DEMO_PASSWORD = "demo-salasana-2026"
