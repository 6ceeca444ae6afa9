"""The review path: a mentor submits, a methodist approves or returns with a comment."""

from django.core import mail
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from practices import publishing
from practices.models import PracticePage
from tests.practices.admin_data import practice_form_data
from tests.practices.factories import draft_practice


def submit_in_admin(client, index, **extra):
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk])
    return client.post(url, {**practice_form_data(**extra), "action-submit": "Submit"})


def task_action(client, page, action, comment=""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


@pytest.mark.django_db
def test_the_index_is_reviewed_by_the_methodists_workflow(index):
    workflow = index.get_workflow()
    assert workflow.name == publishing.REVIEW_WORKFLOW_NAME
    [task] = workflow.tasks.specific()
    assert task.name == publishing.REVIEW_TASK_NAME
    assert list(task.groups.values_list("name", flat=True)) == ["Методист"]


@pytest.mark.django_db
def test_mentor_submits_in_the_admin_and_the_practice_waits_unpublished(client, index, mentor):
    client.force_login(mentor)
    response = submit_in_admin(client, index)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = PracticePage.objects.get(slug="keys-klub")
    assert not page.live
    assert page.owner == mentor
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_task.name == publishing.REVIEW_TASK_NAME


@pytest.mark.django_db
def test_methodist_approves_and_the_practice_is_published(client, index, mentor, methodist):
    client.force_login(mentor)
    submit_in_admin(client, index)
    page = PracticePage.objects.get(slug="keys-klub")

    client.force_login(methodist)
    response = task_action(client, page, "approve", comment="Хорошая практика")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    assert set(page.tags.names()) == {"дисциплина", "кейс-метод"}
    # The approved practice is in the bank.
    assert "Кейс-клуб" in client.get(index.url).content.decode()


@pytest.mark.django_db
def test_methodist_returns_the_practice_with_a_comment_the_author_sees(
    client, index, mentor, methodist
):
    mentor.email = "smirnova@example.org"
    mentor.save()
    client.force_login(mentor)
    submit_in_admin(client, index)
    page = PracticePage.objects.get(slug="keys-klub")

    client.force_login(methodist)
    comment = "Добавьте, пожалуйста, критерии оценивания и результаты анкеты."
    task_action(client, page, "reject", comment=comment)
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    status = publishing.review_statuses([page])[page.pk]
    assert status.code == "needs_changes"
    assert status.comment == comment
    assert status.reviewer == methodist

    # Wagtail e-mails the author, with the comment.
    [letter] = [letter for letter in mail.outbox if mentor.email in letter.to]
    assert comment in letter.body

    client.force_login(mentor)
    html = client.get(reverse("practices:mine")).content.decode()
    assert "Возвращена на доработку" in html
    assert "критерии оценивания" in html
    assert reverse("practices:edit", args=[page.pk]) in html


@pytest.mark.django_db
def test_resubmitting_a_returned_practice_resumes_the_same_workflow(index, mentor, methodist):
    page = draft_practice()
    publishing.propose(index, page, mentor)
    state = page.current_workflow_state
    page.current_workflow_task_state.reject(user=methodist, comment="Доработайте")
    draft = PracticePage.objects.get(pk=page.pk)
    draft.summary = "Исправленное описание"
    publishing.revise(draft, mentor)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert draft.current_workflow_state == state
    assert publishing.review_statuses([draft])[draft.pk].code == "in_review"


@pytest.mark.django_db
def test_a_teacher_cannot_propose(index, teacher):
    page = draft_practice(slug="moya")
    with pytest.raises(Exception, match="наставники"):
        publishing.propose(index, page, teacher)
    assert not PracticePage.objects.filter(slug="moya").exists()


@pytest.mark.django_db
def test_ensure_review_setup_is_idempotent_and_keeps_an_editors_choice(index):
    from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

    before = GroupPagePermission.objects.filter(page=index).count()
    publishing.ensure_review_setup(index)
    assert GroupPagePermission.objects.filter(page=index).count() == before
    other = Workflow.objects.create(name="Другая проверка")
    WorkflowPage.objects.filter(page=index).update(workflow=other)
    publishing.ensure_review_setup(index)
    assert Page.objects.get(pk=index.pk).get_workflow() == other
