"""Factories of the mentoring app's records (factory_boy)."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone

import factory
from factory.django import DjangoModelFactory
from PIL import Image as PILImage

from mentoring.models import Award, AwardLevel, MentorProfile, Municipality, Organisation


def image_bytes(size=(600, 750), color=(180, 200, 230), fmt="JPEG", **save_kwargs):
    """A real image of ``size`` in ``fmt`` as bytes."""
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save_kwargs.pop("alpha", False) else "RGB"
    PILImage.new(mode, size, color).save(buffer, format=fmt, **save_kwargs)
    return buffer.getvalue()


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Район № {n}")
    slug = factory.Sequence(lambda n: f"rajon-{n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"ГБОУ средняя школа № {n}")
    short_name = factory.Sequence(lambda n: f"Школа № {n}")
    municipality = factory.SubFactory(MunicipalityFactory)


class PhotoFactory(DjangoModelFactory):
    """A Wagtail image holding a real JPEG portrait."""

    class Meta:
        model = "wagtailimages.Image"

    title = factory.Sequence(lambda n: f"Портрет {n}")
    file = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="portrait.jpg"))


class MentorProfileFactory(DjangoModelFactory):
    class Meta:
        model = MentorProfile
        skip_postgeneration_save = True

    last_name = factory.Sequence(lambda n: f"Наставникова{n}")
    first_name = "Мария"
    middle_name = "Ивановна"
    slug = factory.Sequence(lambda n: f"mentor-{n}")
    position = "учитель математики"
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create and extracted:
            self.subjects.add(*extracted)

    @factory.post_generation
    def competencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.competencies.add(*extracted)


class AwardFactory(DjangoModelFactory):
    class Meta:
        model = Award

    profile = factory.SubFactory(MentorProfileFactory)
    title = "Победитель конкурса «Лучший наставник года»"
    level = AwardLevel.MUNICIPAL
    year = 2024
    citation = "За системную работу с молодыми педагогами."


# --- The programme (issue #8) ---------------------------------------------------------


class UserFactory(DjangoModelFactory):
    class Meta:
        model = "portal.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pedagog-{n}")
    last_name = factory.Sequence(lambda n: f"Молодова{n}")
    first_name = "Анна"
    middle_name = "Сергеевна"

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = "mentoring.Programme"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Программа наставничества № {n}")
    slug = factory.Sequence(lambda n: f"programma-{n}")
    level = "district"
    curator = factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"kurator-{n}"))
    starts_on = factory.LazyFunction(lambda: datetime.date(2026, 9, 1))
    ends_on = factory.LazyFunction(lambda: datetime.date(2027, 5, 31))

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        from mentoring.models import ProgrammeOrganisation

        if create and extracted:
            for organisation in extracted:
                ProgrammeOrganisation.objects.create(programme=self, organisation=organisation)


class MenteeRequestFactory(DjangoModelFactory):
    class Meta:
        model = "mentoring.MenteeRequest"
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    teacher = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    preferred_format = "mixed"
    career_start_year = 2025
    age = 24
    consent_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def deficits(self, create, extracted, **kwargs):
        if create and extracted:
            self.deficits.add(*extracted)


class PoolEntryFactory(DjangoModelFactory):
    class Meta:
        model = "mentoring.MentorPoolEntry"

    programme = factory.SubFactory(ProgrammeFactory)
    mentor = factory.SubFactory(MentorProfileFactory)
    capacity = 2
