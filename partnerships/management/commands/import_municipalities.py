from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from partnerships.imports import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ImportFailed,
    municipalities_import,
)


class Command(BaseCommand):
    help = (
        "Create or update municipalities from a CSV file (UTF-8, header row). Columns: "
        + ", ".join(REQUIRED_COLUMNS)
        + "; optional: "
        + ", ".join(OPTIONAL_COLUMNS)
        + ". Rows are matched by official_code. If any row is invalid, nothing is saved and "
        "every bad line is reported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file to import.")

    def handle(self, *args, path: str, **options):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            total = max(sum(1 for _line in handle) - 1, 0)
            handle.seek(0)
            with tqdm(
                total=total, unit="row", disable=options["verbosity"] == 0, file=self.stderr
            ) as bar:
                try:
                    result = municipalities_import(lines=handle, progress=bar.update)
                except ImportFailed as failure:
                    raise CommandError(
                        "Nothing was imported:\n" + "\n".join(failure.errors)
                    ) from failure
        self.stdout.write(
            self.style.SUCCESS(f"{result.created} created, {result.updated} updated.")
        )
