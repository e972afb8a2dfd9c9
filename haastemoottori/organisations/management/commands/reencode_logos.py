from django.core.management.base import BaseCommand

from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.services_logos import logo_needs_reencoding, organisation_logo_reencode


class Command(BaseCommand):
    help = (
        "Re-store every logo kept before uploads were re-encoded (under the uploader's file name) as a "
        "re-encoded PNG, JPEG or WebP image with a random name, or remove it when it is not an acceptable image. "
        "Run once after upgrading; running it again changes nothing."
    )

    def handle(self, *args, **options):
        reencoded = removed = 0
        for organisation in Organisation.objects.exclude(logo="").order_by("pk").iterator():
            if not logo_needs_reencoding(organisation):
                continue
            old = organisation.logo.name
            new = organisation_logo_reencode(organisation=organisation)
            if new:
                reencoded += 1
                self.stdout.write(f"{organisation.slug}: {old} → {new}")
            else:
                removed += 1
                self.stdout.write(f"{organisation.slug}: {old} removed (not an acceptable image)")
        self.stdout.write(f"{reencoded} logos re-encoded, {removed} removed.")
