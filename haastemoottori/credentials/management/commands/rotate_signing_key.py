"""Rotate the installation's signing key (a new active key; the old one keeps verifying), or retire one."""

from django.core.management.base import BaseCommand, CommandError

from haastemoottori.core.errors import ServiceError
from haastemoottori.credentials.selectors import jwks
from haastemoottori.credentials.services import signing_key_retire, signing_key_rotate


class Command(BaseCommand):
    help = (
        "Create a new active Ed25519 signing key; the previous one stays published and verifies what it signed. "
        "With --retire KID, stop publishing a rotated-out key (what it signed no longer verifies)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--retire", metavar="KID", help="retire this rotated-out key instead of rotating")
        parser.add_argument("--list", action="store_true", help="only list the published keys")

    def handle(self, *args, **options):
        try:
            if options["list"]:
                pass
            elif options["retire"]:
                key = signing_key_retire(kid=options["retire"])
                self.stdout.write(f"Retired {key.kid}")
            else:
                key = signing_key_rotate()
                self.stdout.write(f"Active signing key: {key.kid}")
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        for entry in jwks()["keys"]:
            self.stdout.write(f"published: {entry['kid']}")
