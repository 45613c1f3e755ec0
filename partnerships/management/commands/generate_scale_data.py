import argparse
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from events.models import ConsentText
from partnerships.models import Memorandum
from partnerships.reference_data.memorandum_2017 import SLUG as MEMORANDUM_2017
from partnerships.scale_data import counts_for, generate


class Command(BaseCommand):
    help = (
        "Fill PostgreSQL with generated data at national scale for benchmarks (about 18,000 "
        "municipalities, 200,000 events, 1,000,000 participants at --scale full; a hundredth "
        "at --scale small). A second run replaces what the first generated; the reference "
        "data is never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["full", "small", "tiny"],
            default="small",
            help="full, small (1/100) or, for tests, tiny (1/1000).",
        )
        parser.add_argument("--seed", type=int, default=2017, help=argparse.SUPPRESS)
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def handle(self, *args, scale: str, seed: int, no_progress: bool, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_scale_data needs PostgreSQL (it loads with COPY).")
        if not (
            Memorandum.objects.filter(slug=MEMORANDUM_2017).exists()
            and ConsentText.objects.exists()
        ):
            call_command("load_reference_data", stdout=self.stdout)
        started = time.monotonic()
        written = generate(scale=scale, seed=seed, progress=not no_progress)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.MIGRATE_HEADING(f"Generated at scale {scale}:"))
        for table, count in written.items():
            self.stdout.write(f"  {table}: {count:,}")
        targets = ", ".join(f"{name} {count:,}" for name, count in counts_for(scale).items())
        self.stdout.write(f"  (targets: {targets})")
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f} s."))
