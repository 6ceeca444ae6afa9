from wagtail.test.utils import WagtailPageTestCase

import pytest

from home.models import HomePage
from practices.models import PracticeIndexPage, PracticePage, initials
from tests.practices.factories import MentorProfileFactory, OrganisationFactory, PracticePageFactory


class TestWherePracticesLive(WagtailPageTestCase):
    def test_practices_only_under_the_index_and_the_index_only_under_home(self):
        self.assertCanCreateAt(PracticeIndexPage, PracticePage)
        self.assertCanNotCreateAt(HomePage, PracticePage)
        self.assertCanCreateAt(HomePage, PracticeIndexPage)
        self.assertCanNotCreateAt(PracticeIndexPage, PracticeIndexPage)
        self.assertAllowedSubpageTypes(PracticePage, {})


@pytest.mark.django_db
def test_municipality_defaults_to_the_organisation(index):
    organisation = OrganisationFactory()
    practice = PracticePageFactory(parent=index, organisation=organisation)
    assert practice.municipality == organisation.municipality


@pytest.mark.django_db
def test_explicit_municipality_is_kept(index):
    organisation = OrganisationFactory()
    other = OrganisationFactory().municipality
    practice = PracticePageFactory(parent=index, organisation=organisation, municipality=other)
    assert practice.municipality == other


@pytest.mark.django_db
def test_publishing_an_old_revision_keeps_the_application_count(index):
    practice = PracticePageFactory(parent=index)
    old_revision = practice.latest_revision
    PracticePage.objects.filter(pk=practice.pk).update(applications_count=7)
    old_revision.publish()
    assert PracticePage.objects.get(pk=practice.pk).applications_count == 7


@pytest.mark.django_db
def test_a_copy_is_not_recommended_and_not_applied(index):
    practice = PracticePageFactory(parent=index, recommended=True, applications_count=4)
    copy = practice.copy(update_attrs={"slug": "kopiya", "title": "Копия"})
    assert copy.recommended is False
    assert copy.applications_count == 0


@pytest.mark.django_db
def test_author_names_in_order_with_initials(index):
    first = MentorProfileFactory(last_name="Смирнова", first_name="Елена", middle_name="Викторовна")
    second = MentorProfileFactory(last_name="Кузнецов", first_name="Андрей", middle_name="")
    practice = PracticePageFactory(parent=index, authors=[first, second])
    assert practice.author_names == "Смирнова Е. В., Кузнецов А."


def test_initials_of_a_person_without_first_name():
    class Person:
        last_name, first_name, middle_name = "Иванова", "", ""

    assert initials(Person()) == "Иванова"


@pytest.mark.django_db
def test_taxonomies_are_seeded_with_the_real_values():
    from practices.models import EducationLevel, MentoringForm

    assert list(MentoringForm.objects.values_list("slug", flat=True)) == [
        "uchenik-uchenik",
        "uchitel-uchitel",
        "student-uchenik",
        "rabotodatel-uchenik",
        "rabotodatel-student",
        "gruppovoe",
    ]
    assert list(EducationLevel.objects.values_list("short_name", flat=True)) == [
        "ДОУ",
        "НОО",
        "ООО",
        "СОО",
        "СПО",
        "ДО",
    ]
