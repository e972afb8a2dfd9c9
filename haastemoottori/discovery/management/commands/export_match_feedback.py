import sys

from django.core.management.base import BaseCommand

from haastemoottori.core.csv_export import SafeWriter
from haastemoottori.discovery.exports import COLUMNS, feedback_json, feedback_rows


class Command(BaseCommand):
    help = "Print the ratings of the matcher's suggestions as JSON or CSV (for bench/relevance_eval.py --feedback)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, **options):
        if options["format"] == "json":
            self.stdout.write(feedback_json())
            return
        writer = SafeWriter(sys.stdout)
        writer.writerow(COLUMNS)
        for row in feedback_rows():
            writer.writerow(row[c] for c in COLUMNS)
