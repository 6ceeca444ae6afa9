"""Factories of the mentoring app's records (factory_boy)."""

import io

from django.core.files.base import ContentFile

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
