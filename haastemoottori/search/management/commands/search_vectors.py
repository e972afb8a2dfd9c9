"""Create pgvector's table and fill it from the stored vectors (after installing pgvector on the server)."""

from django.core.management.base import BaseCommand
from django.db import connection

from haastemoottori.search import pgvector


class Command(BaseCommand):
    help = "Create the pgvector table (when the server has pgvector) and copy the stored passage vectors into it."

    def handle(self, *args: object, **options: object) -> None:
        if not pgvector.install(connection):
            self.stdout.write("This database has no pgvector: search scans the stored vectors exactly.")
            return
        done = pgvector.fill(connection)
        self.stdout.write(f"pgvector: vectors of {done} documents in {pgvector.TABLE}")
