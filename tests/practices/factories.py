"""Factories of the practice bank's tests (factory_boy, wagtail_factories)."""

import uuid

from django.utils import timezone
from django.utils.text import slugify

import factory
import wagtail_factories
from anyascii import anyascii

from mentoring.models import MentorProfile, Municipality, Organisation
from practices.models import (
    Competency,
    EducationLevel,
    MentoringForm,
    PracticeAuthor,
    PracticePage,
    Subject,
)


def step(title="Установочная встреча", text="Пара знакомится и составляет план.", period=""):
    return {
        "type": "step",
        "id": str(uuid.uuid4()),
        "value": {
            "title": title,
            "period": period,
            "text": f"<p>{text}</p>",
            "image": None,
            "image_alt": "",
            "documents": [],
        },
    }


class MunicipalityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Район № {n}")
    slug = factory.Sequence(lambda n: f"rajon-{n}")

    class Meta:
        model = Municipality


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"ГБОУ СОШ № {n}")
    short_name = factory.Sequence(lambda n: f"Школа № {n}")
    municipality = factory.SubFactory(MunicipalityFactory)

    class Meta:
        model = Organisation


class MentorProfileFactory(factory.django.DjangoModelFactory):
    last_name = factory.Iterator(["Смирнова", "Кузнецов", "Иванова", "Петрова", "Морозов"])
    first_name = factory.Iterator(["Елена", "Андрей", "Ольга", "Наталья", "Дмитрий"])
    middle_name = factory.Iterator(
        ["Викторовна", "Павлович", "Сергеевна", "Игоревна", "Александрович"]
    )
    slug = factory.Sequence(lambda n: f"nastavnik-{n}")
    position = "учитель"

    class Meta:
        model = MentorProfile


def _terms(model, slugs):
    return list(model.objects.filter(slug__in=list(slugs)))


class PracticePageFactory(wagtail_factories.PageFactory):
    """A published practice; ``levels``, ``subjects``, ``competencies`` and ``tags`` by slug/name."""

    title = factory.Sequence(lambda n: f"Практика наставничества № {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(anyascii(obj.title))[:70])
    summary = "Наставник и молодой педагог вместе планируют уроки."
    problem = "Молодому педагогу трудно планировать урок."
    participants = "пары «наставник — молодой педагог»"
    duration = "учебный год"
    results = "<p>Все молодые педагоги остались в школе.</p>"
    steps = factory.LazyFunction(lambda: [step()])
    mentoring_form = factory.LazyFunction(lambda: MentoringForm.objects.get(slug="uchitel-uchitel"))

    class Meta:
        model = PracticePage

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        levels = kwargs.pop("levels", ["ooo"])
        subjects = kwargs.pop("subjects", [])
        competencies = kwargs.pop("competencies", [])
        tags = kwargs.pop("tags", [])
        authors = kwargs.pop("authors", [])
        live = kwargs.pop("live", True)
        published_at = kwargs.pop("published_at", None)
        page = model_class(**kwargs)
        page.education_levels = _terms(EducationLevel, levels)
        page.subjects = _terms(Subject, subjects)
        page.competencies = _terms(Competency, competencies)
        page.authors = [PracticeAuthor(author=profile) for profile in authors]
        page.tags.set(list(tags))
        page.live = live
        if published_at is not None:
            page.first_published_at = published_at
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
            page.refresh_from_db()
        return page


def now_minus(days):
    return timezone.now() - timezone.timedelta(days=days)


def draft_practice(title="Черновик практики", slug="chernovik", **fields):
    """An unsaved practice with every required field, as a proposal would build it."""
    values = {
        "title": title,
        "slug": slug,
        "summary": "Наставник и молодой педагог вместе планируют уроки.",
        "problem": "Молодому педагогу трудно планировать урок.",
        "participants": "пары «наставник — молодой педагог»",
        "duration": "учебный год",
        "results": "<p>Все молодые педагоги остались в школе.</p>",
        "steps": [step()],
        "mentoring_form": MentoringForm.objects.get(slug="uchitel-uchitel"),
    }
    values.update(fields)
    page = PracticePage(**values)
    page.education_levels = _terms(EducationLevel, ["ooo"])
    return page
