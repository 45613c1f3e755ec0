import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from accounts.roles import COORDINATORS


class Command(BaseCommand):
    help = (
        "Make sure a coordinator login exists (PORTAL_COORDINATOR_USERNAME / "
        "PORTAL_COORDINATOR_PASSWORD, or a generated password that is printed)."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = settings.PORTAL_COORDINATOR_USERNAME
        password = settings.PORTAL_COORDINATOR_PASSWORD
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True}
        )
        user.groups.add(Group.objects.get(name=COORDINATORS))
        if created or password:
            password = password or secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            self.stdout.write(
                self.style.SUCCESS(f"Coordinator login: {username} / {password}  (at /admin/)")
            )
        else:
            self.stdout.write(
                f"Coordinator login '{username}' already exists; set PORTAL_COORDINATOR_PASSWORD "
                "to reset its password."
            )
