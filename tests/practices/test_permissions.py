"""Who may do what: a mentee cannot publish, a mentor cannot approve or recommend."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

import pytest

from practices import publishing
from practices.admin_forms import PracticePageAdminForm
from practices.models import PracticePage
from tests.practices.admin_data import practice_form_data
from tests.practices.factories import PracticePageFactory, draft_practice


@pytest.mark.django_db
def test_a_teacher_has_no_admin_and_cannot_publish(client, index, teacher):
    assert not index.permissions_for_user(teacher).can_add_subpage()
    assert not index.permissions_for_user(teacher).can_publish_subpage()
    client.force_login(teacher)
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk])
    )
    # No admin access at all: Wagtail sends the user away (to its login or the dashboard).
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_a_mentor_adds_practices_only_under_the_index_and_cannot_publish(index, home, mentor):
    permissions = index.permissions_for_user(mentor)
    assert permissions.can_add_subpage()
    assert not permissions.can_publish_subpage()
    assert not home.permissions_for_user(mentor).can_add_subpage()


@pytest.mark.django_db
def test_the_mentors_editor_offers_submit_and_no_publish(client, index, mentor):
    client.force_login(mentor)
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    assert 'name="recommended"' not in html


@pytest.mark.django_db
def test_a_mentor_posting_publish_only_submits_nothing_goes_live(client, index, mentor):
    client.force_login(mentor)
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk])
    client.post(url, {**practice_form_data(), "action-publish": "Publish"})
    page = PracticePage.objects.filter(slug="keys-klub").first()
    assert page is None or not page.live


@pytest.mark.django_db
def test_a_mentor_cannot_approve(client, index, mentor, make_user):
    from portal.roles import MENTOR

    author = make_user("avtor", roles=[MENTOR])
    page = draft_practice()
    publishing.propose(index, page, author)
    task_state = page.current_workflow_task_state
    assert page.current_workflow_task.get_actions(page, mentor) == []

    client.force_login(mentor)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live


@pytest.mark.django_db
def test_a_methodist_can_approve_publish_and_recommend(index, mentor, methodist):
    page = draft_practice()
    publishing.propose(index, page, mentor)
    actions = [
        name for name, _label, _modal in page.current_workflow_task.get_actions(page, methodist)
    ]
    assert "approve" in actions and "reject" in actions
    assert index.permissions_for_user(methodist).can_publish_subpage()
    assert publishing.can_recommend(methodist)


@pytest.mark.django_db
def test_only_a_methodist_sets_the_recommended_mark_in_code(index, mentor, methodist):
    practice = PracticePageFactory(parent=index)
    with pytest.raises(PermissionDenied):
        publishing.set_recommendation(practice, mentor, True)
    assert not PracticePage.objects.get(pk=practice.pk).recommended

    publishing.set_recommendation(practice, methodist, True)
    stored = PracticePage.objects.get(pk=practice.pk)
    assert stored.recommended and stored.recommended_at is not None
    # The latest revision carries the mark, so publishing it later keeps it.
    stored.latest_revision.publish()
    assert PracticePage.objects.get(pk=practice.pk).recommended


@pytest.mark.django_db
def test_the_admin_form_drops_the_mark_for_anyone_but_a_methodist(index, mentor, methodist):
    practice = PracticePageFactory(parent=index)
    form_class = PracticePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, PracticePageAdminForm)
    assert (
        "recommended"
        not in form_class(instance=practice, for_user=mentor, parent_page=index).fields
    )
    assert "recommended" not in form_class(instance=practice, parent_page=index).fields
    assert (
        "recommended" in form_class(instance=practice, for_user=methodist, parent_page=index).fields
    )


@pytest.mark.django_db
def test_a_mentor_editing_in_the_admin_cannot_set_the_mark(client, index, mentor):
    client.force_login(mentor)
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk])
    client.post(url, {**practice_form_data(), "recommended": "on", "action-submit": "Submit"})
    page = PracticePage.objects.get(slug="keys-klub")
    assert not page.recommended
    assert not page.latest_revision.as_object().recommended


@pytest.mark.django_db
def test_a_methodist_sets_the_mark_in_the_editor(client, index, methodist):
    practice = PracticePageFactory(parent=index, slug="keys-klub")
    client.force_login(methodist)
    url = reverse("wagtailadmin_pages:edit", args=[practice.pk])
    data = practice_form_data(recommended="on")
    response = client.post(url, {**data, "action-publish": "Publish"})
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = PracticePage.objects.get(pk=practice.pk)
    assert stored.recommended
    assert stored.recommended_at is not None


@pytest.mark.django_db
def test_taxonomies_are_edited_by_methodists_not_mentors(client, mentor, methodist):
    url = reverse("wagtailsnippets_practices_competency:list")
    client.force_login(methodist)
    assert client.get(url).status_code == 200
    client.force_login(mentor)
    assert client.get(url).status_code in (302, 403)


@pytest.mark.django_db
def test_methodists_see_and_export_the_applications(client, practice, methodist, teacher):
    from practices.applications import record_application

    record_application(practice, teacher, "Применили в 5 классе")
    client.force_login(methodist)
    url = reverse("wagtailsnippets_practices_practiceapplication:list")
    response = client.get(url)
    assert response.status_code == 200
    assert "Применили в 5 классе" in response.content.decode()
    export = client.get(url, {"export": "csv"})
    assert export.status_code == 200
    assert "Применили в 5 классе" in b"".join(export.streaming_content).decode("utf-8-sig")
