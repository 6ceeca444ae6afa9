"""The demo content: enough realistic practices over every form and level, working accounts."""

from django.contrib.auth import authenticate

from wagtail.models import WorkflowState

import pytest

from practices.models import EducationLevel, MentoringForm, PracticeApplication, PracticePage


@pytest.mark.django_db
def test_demo_practices_cover_every_form_and_level(demo_site):
    published = PracticePage.objects.live()
    assert published.count() >= 30
    for form in MentoringForm.objects.all():
        assert published.filter(mentoring_form=form).count() >= 3, form
    for level in EducationLevel.objects.all():
        assert published.filter(education_levels=level).exists(), level
    assert published.filter(recommended=True).count() >= 5
    assert PracticeApplication.objects.count() >= 20
    for practice in published:
        assert practice.steps and practice.authors.exists() and practice.problem, practice.title
        assert practice.applications_count == practice.applications.count()


@pytest.mark.django_db
def test_demo_accounts_sign_in_with_their_roles(demo_site):
    from portal.roles import MENTOR, METHODIST, TEACHER, has_role

    for username, role in [("nastavnik1", MENTOR), ("metodist", METHODIST), ("pedagog1", TEACHER)]:
        user = authenticate(username=username, password="demo12345")
        assert user is not None, username
        assert has_role(user, role)
    assert (
        authenticate(username="nastavnik1", password="demo12345").mentor_profile.slug
        == "smirnova-elena-viktorovna"
    )


@pytest.mark.django_db
def test_demo_has_a_practice_in_review_and_one_returned(demo_site):
    states = {
        state.content_object.title: state.status
        for state in WorkflowState.objects.filter(status__in=["in_progress", "needs_changes"])
    }
    assert (
        states["«Методический десант»: наставник на уроке молодого коллеги"]
        == WorkflowState.STATUS_IN_PROGRESS
    )
    assert states["Математические бои для пятиклассников"] == WorkflowState.STATUS_NEEDS_CHANGES


@pytest.mark.django_db
def test_demo_pages_render(client, demo_site):
    practice = PracticePage.objects.live().filter(resources__isnull=False).first()
    response = client.get(practice.url)
    assert response.status_code == 200
    assert "Материалы к практике" in response.content.decode()
    # The demo templates are real spreadsheets a mentor can open.
    from io import BytesIO

    from wagtail.documents import get_document_model

    from openpyxl import load_workbook

    template = get_document_model().objects.get(
        title="Индивидуальный план развития молодого педагога (шаблон)"
    )
    with template.file.open("rb") as handle:
        sheet = load_workbook(BytesIO(handle.read())).active
    assert sheet["A1"].value == "Направление развития"
