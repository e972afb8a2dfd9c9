"""A writer process for test_sqlite_writers: creates and edits challenges through the services, many times.

Run as ``python -m tests.faults.writer <name> <rounds>`` with Django's settings in the environment. Prints one
JSON line: how many rounds succeeded and the errors met (a "database is locked" would be one).
"""

import json
import sys

import django


def main(name: str, rounds: int) -> None:
    django.setup()
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges import services
    from haastemoottori.organisations.models import Membership, Organisation

    city = Organisation.objects.get(slug="kirjoituskaupunki")
    owner = User.objects.create_user(f"{name}@writers.test", "test-password-123")
    Membership.objects.create(user=owner, organisation=city, role=Membership.Role.CHALLENGE_OWNER)
    ok, errors = 0, []
    for i in range(rounds):
        try:
            challenge = services.challenge_create(
                actor=owner, lead=city, original_language="fi", title={"fi": f"{name} haaste {i}"}
            )
            services.challenge_update(actor=owner, challenge=challenge, summary={"fi": f"Tiivistelmä {i}"})
            ok += 1
        except Exception as exc:  # every error is reported to the test
            errors.append(f"{type(exc).__name__}: {exc}")
    print(json.dumps({"ok": ok, "errors": errors}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
