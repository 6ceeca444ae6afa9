"""Factories of the events app (factory_boy + wagtail_factories)."""

import datetime

from django.utils import timezone

import factory
import wagtail_factories

from events.models import EventFormat, EventIndexPage, EventPage, EventType, Registration


def moscow(year, month, day, hour=0, minute=0):
    """An aware datetime in Europe/Moscow (the project's TIME_ZONE)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Мероприятия"
    slug = "meropriyatiya"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Образовательный интенсив № {n}")
    slug = factory.Sequence(lambda n: f"intensiv-{n}")
    event_type = factory.LazyFunction(lambda: EventType.objects.get(slug="intensiv"))
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda obj: obj.starts_at + datetime.timedelta(hours=3))
    format = EventFormat.IN_PERSON
    summary = "Интенсив для молодых педагогов и их наставников."
    venue = "ИМЦ Московского района"
    address = "ул. Примерная, д. 1, актовый зал"
    capacity = 10

    class Meta:
        model = EventPage


class RegistrationFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    user = None
    status = "confirmed"
    organisation = "ГБОУ гимназия № 524"
    position = "учитель математики"
    queued_at = factory.LazyFunction(timezone.now)
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Registration
