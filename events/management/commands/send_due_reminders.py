import time

from django.core.management.base import BaseCommand

from events.reminders import reminders_sweep


class Command(BaseCommand):
    help = (
        "Send the reminders and notices that are due, once, or every N seconds with --every "
        "(what `make run` uses when there is no Redis and no Celery beat)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds.")

    def handle(self, *args, every: int = 0, **options):
        while True:
            report = reminders_sweep()
            if report.planned or report.sent or report.retried or report.failed:
                self.stdout.write(str(report.as_dict()))
            if not every:
                return
            time.sleep(every)
