import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("участник")
    WAITLISTED = "waitlisted", _("лист ожидания")
    CANCELLED = "cancelled", _("запись отменена")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED)

    def in_queue_order(self):
        return self.order_by("queued_at", "pk")

    def with_waitlist_position(self):
        """Annotate ``waitlist_position`` (1 = next to get a place) on waitlisted rows."""
        ahead = (
            Registration.objects.filter(
                event=models.OuterRef("event"), status=RegistrationStatus.WAITLISTED
            )
            .filter(
                models.Q(queued_at__lt=models.OuterRef("queued_at"))
                | models.Q(queued_at=models.OuterRef("queued_at"), pk__lt=models.OuterRef("pk"))
            )
            .order_by()
            .values("event")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(
            waitlist_position=models.Case(
                models.When(
                    status=RegistrationStatus.WAITLISTED,
                    then=Coalesce(models.Subquery(ahead, output_field=models.IntegerField()), 0)
                    + 1,
                ),
                default=None,
                output_field=models.IntegerField(),
            )
        )


class Registration(models.Model):
    """A person's place at an event: a seat, a place in the waiting list, or a cancelled one.

    One row per person and event (re-registering after a cancellation reuses it), so the
    database itself refuses a double registration.
    """

    # Not content: an event's "usage" in the admin should not list every registration.
    wagtail_reference_index_ignore = True

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("мероприятие"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("участник"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    organisation = models.CharField(_("организация"), max_length=255)
    position = models.CharField(_("должность"), max_length=255, blank=True)
    comment = models.TextField(_("вопрос или комментарий"), max_length=500, blank=True)
    attended = models.BooleanField(_("присутствовал(а)"), null=True, blank=True)

    created_at = models.DateTimeField(_("первая запись"), auto_now_add=True)
    queued_at = models.DateTimeField(
        _("записан(а)"),
        default=timezone.now,
        help_text=_("Время последней записи: по нему идёт очередь листа ожидания."),
    )
    confirmed_at = models.DateTimeField(_("место получено"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("переведён(а) из листа ожидания"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("запись отменена"), null=True, blank=True)
    consent_at = models.DateTimeField(_("согласие на обработку персональных данных"))

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("запись на мероприятие")
        verbose_name_plural = _("записи на мероприятия")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person"),
            models.CheckConstraint(
                condition=models.Q(status__in=RegistrationStatus.values),
                name="registration_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"], name="registration_queue_idx")
        ]

    def __str__(self):
        return f"{self.user} — {self.event.title} ({self.get_status_display()})"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def is_cancelled(self):
        return self.status == RegistrationStatus.CANCELLED


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a person's own calendar of registrations.

    Calendar programs fetch it without a session, so the token in the URL is the only key;
    the person can replace it at any moment, which makes every old address stop working.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("пользователь"),
        on_delete=models.CASCADE,
        related_name="event_calendar_feed",
    )
    token = models.CharField(_("ключ"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("создан"), default=timezone.now)

    class Meta:
        verbose_name = _("личный календарь")
        verbose_name_plural = _("личные календари")

    def __str__(self):
        return str(self.user)

    def reset(self):
        self.token = new_feed_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])
