from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from partnerships.reference_data.loader import load_reference_data


class Command(BaseCommand):
    help = (
        "Load the 2017 memorandum, its parties, goals and kinds of activity, sectors, regions, "
        "municipalities and known links (idempotent). With --demo, also demo records, each "
        "marked as demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Also load demo records.")

    @transaction.atomic
    def handle(self, *args, demo: bool = False, **options):
        reports = [("reference", load_reference_data())]
        if demo:
            # Every app may contribute demo records in a `demo` module with load_demo().
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if app_config.name.count(".") == 0 and find_spec(module_name):
                    reports.append((app_config.label, import_module(module_name).load_demo()))
        for title, report in reports:
            self.stdout.write(self.style.MIGRATE_HEADING(f"{title}:"))
            for line in report.lines():
                self.stdout.write(f"  {line}")
