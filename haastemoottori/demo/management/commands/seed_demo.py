from django.core.management.base import BaseCommand, CommandError

from haastemoottori.demo.loader import DEMO_PASSWORD, DEMO_USERS, DemoLoader


class Command(BaseCommand):
    help = "Load the capital-region demo data into an empty database and print the demo users."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when data already exists.")

    def handle(self, *args, **options):
        from haastemoottori.organisations.models import Organisation

        if Organisation.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Demo data already loaded.")
                self._print_users()
                return
            raise CommandError("The database is not empty; the demo loads into an empty database.")
        counts = DemoLoader(stdout=self.stdout).load()
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded {organisations} organisations, {challenges} challenges, {users} users.".format(**counts)
            )
        )
        self._print_users()

    def _print_users(self):
        self.stdout.write("\nDemo users (local use only), password: " + DEMO_PASSWORD)
        for email, _name, org, role in DEMO_USERS:
            self.stdout.write(f"  {email:42} {role or 'platform admin'} {org or ''}")
