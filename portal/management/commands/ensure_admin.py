import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import BaseCommand

from portal.roles import ADMINISTRATOR


class Command(BaseCommand):
    help = (
        "Creates the administrator account «admin» if it does not exist. The password comes from "
        "PORTAL_ADMIN_PASSWORD, or is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("PORTAL_ADMIN_USERNAME", "admin"))
        parser.add_argument(
            "--email", default=os.environ.get("PORTAL_ADMIN_EMAIL", "admin@localhost")
        )

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Учётная запись администратора «{username}» уже есть: пароль не менялся."
            )
            return
        password = os.environ.get("PORTAL_ADMIN_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(
            username=username,
            email=email,
            password=password,
            first_name="Администратор",
            last_name="Портала",
        )
        user.groups.add(Group.objects.get(name=ADMINISTRATOR))
        self.stdout.write(self.style.SUCCESS(f"Создан администратор «{username}»."))
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Пароль: {password}\n"
                    "Он показан один раз — сохраните его. Чтобы задать свой, удалите пользователя "
                    "или запустите `manage.py changepassword admin`."
                )
            )
