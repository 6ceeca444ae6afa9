"""How a practice gets into the bank: mentors propose, a methodist reviews, publishes, recommends.

The rules:

- mentors (group «Наставник») may add practices only under the practice index
  and may not publish: every practice they write goes through the review
  workflow «Проверка практики методистом», whose single task is approved by the
  group «Методист»;
- a methodist who requests changes writes a comment; the author sees it in the
  admin's workflow history and in «Мои практики» on the site;
- only a methodist (permission ``practices.recommend_practice``) sets the mark
  «рекомендована к тиражированию».
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from portal.roles import MENTOR, METHODIST, has_role

REVIEW_WORKFLOW_NAME = "Проверка практики методистом"
REVIEW_TASK_NAME = "Одобрение методистом"
RECOMMEND_PERMISSION = "practices.recommend_practice"

# Page permissions on the practice index, by role. Mentors only add (and so edit
# their own drafts); methodists edit, publish and lock everything in the bank.
INDEX_PAGE_PERMISSIONS = {
    MENTOR: ["add_page"],
    METHODIST: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def can_propose(user):
    """Signed-in mentors propose practices (superusers hold every role)."""
    return has_role(user, MENTOR)


def can_recommend(user):
    return bool(user and user.is_authenticated and user.has_perm(RECOMMEND_PERMISSION))


def review_workflow():
    """The workflow «Проверка практики методистом», created on first use if a migration did not."""
    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
        task.groups.set(Group.objects.filter(name=METHODIST))
    workflow = Workflow.objects.create(name=REVIEW_WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


@transaction.atomic
def ensure_review_setup(index_page):
    """Link the review workflow to the practice index and grant the roles their page permissions.

    Idempotent; runs when the index page is created (signal) and from the demo loader.
    An editor who assigned another workflow to the index in the admin keeps it.
    """
    if not WorkflowPage.objects.filter(page=index_page).exists():
        WorkflowPage.objects.create(page=index_page, workflow=review_workflow())
    for role, codenames in INDEX_PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=index_page, permission=permission
            )


@transaction.atomic
def submit_for_review(page, user):
    """Send the latest revision of ``page`` to the methodists, as the admin's «Submit» does.

    A practice returned for changes resumes its workflow; otherwise a new one starts.
    """
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return state  # already with the methodists; the new revision is what they review
    workflow = page.get_workflow()
    if workflow is None:
        raise PermissionDenied(_("Для банка практик не настроена проверка методистом."))
    return workflow.start(page, user)


@transaction.atomic
def propose(index_page, practice, user):
    """Create ``practice`` as a draft under the index and send it for review.

    Nothing is published: the page stays unpublished until a methodist approves.
    """
    if not can_propose(user):
        raise PermissionDenied(_("Предлагать практики могут только наставники."))
    practice.live = False
    practice.has_unpublished_changes = True
    practice.owner = user
    index_page.add_child(instance=practice)
    practice.save_revision(user=user, log_action=True)
    submit_for_review(practice, user)
    return practice


@transaction.atomic
def revise(practice, user):
    """Save the edited ``practice`` (a draft the author changed on the site) and resubmit it."""
    if not user_can_revise(user, practice):
        raise PermissionDenied(_("Эту практику нельзя изменить."))
    # An unpublished page keeps its latest content in its own row too, as the admin does.
    practice.save()
    practice.save_revision(user=user, log_action=True)
    submit_for_review(practice, user)
    return practice


def user_can_revise(user, practice):
    """Authors edit on the site only what is not yet published: their draft or returned practice."""
    if not user.is_authenticated or practice.live:
        return False
    state = practice.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return False  # the methodist is reviewing it right now
    # Works on a page restored from a revision too (its authors live in memory).
    return practice.owner_id == user.pk or any(
        link.author.user_id == user.pk for link in practice.authors.all()
    )


@transaction.atomic
def set_recommendation(practice, user, recommended=True):
    """Mark (or unmark) ``practice`` as «рекомендована к тиражированию»; methodists only.

    The mark is written both to the live practice and to its latest revision, so
    it neither publishes a draft under review nor disappears when that draft is
    published later.
    """
    if not can_recommend(user):
        raise PermissionDenied(_("Рекомендовать практики к тиражированию может только методист."))
    recommended_at = timezone.now() if recommended else None
    type(practice).objects.filter(pk=practice.pk).update(
        recommended=recommended, recommended_at=recommended_at
    )
    practice.recommended, practice.recommended_at = recommended, recommended_at
    revision = practice.latest_revision
    if revision is not None:
        revision.content["recommended"] = recommended
        revision.content["recommended_at"] = recommended_at.isoformat() if recommended_at else None
        revision.save(update_fields=["content"])
    from practices.facets import bank_changed

    bank_changed()  # the mark is counted by the bank's filters; no signal reports an update()
    log(
        instance=practice,
        action="practices.recommend" if recommended else "practices.unrecommend",
        user=user,
    )
    return practice


# --- What an author sees in «Мои практики» --------------------------------------------------


@dataclass(frozen=True)
class ReviewStatus:
    code: str  # a key of STATUS_LABELS
    label: str
    comment: str = ""
    reviewer: object = None
    reviewed_at: datetime | None = None
    since: datetime | None = None

    @property
    def returned(self):
        return self.code in {"needs_changes", "published_needs_changes"}


STATUS_LABELS = {
    "draft": _("Черновик: не отправлена на проверку"),
    "in_review": _("На проверке у методиста"),
    "needs_changes": _("Возвращена на доработку"),
    "published": _("Опубликована"),
    "published_in_review": _("Опубликована; изменения на проверке"),
    "published_needs_changes": _("Опубликована; изменения возвращены на доработку"),
}


def practices_of_author(user):
    """Every practice the user owns or co-authors, drafts included, newest first."""
    from practices.models import PracticePage

    if not user.is_authenticated:
        return PracticePage.objects.none()
    authored = PracticePage.objects.filter(authors__author__user=user).values("pk")
    return (
        PracticePage.objects.filter(Q(owner=user) | Q(pk__in=authored))
        .select_related("mentoring_form")
        .order_by("-latest_revision_created_at", "-pk")
    )


def review_statuses(practices):
    """Map practice pk → ReviewStatus in three queries, whatever the number of practices."""
    practices = list(practices)
    if not practices:
        return {}
    page_type = ContentType.objects.get_for_model(Page)
    ids = [str(practice.pk) for practice in practices]
    states = {
        state.object_id: state
        for state in WorkflowState.objects.filter(
            base_content_type=page_type,
            object_id__in=ids,
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        ).select_related("current_task_state__finished_by")
    }
    # The latest comment a reviewer left, whatever became of that review.
    last_reviews = {}
    for task_state in (
        TaskState.objects.filter(
            workflow_state__base_content_type=page_type,
            workflow_state__object_id__in=ids,
            finished_at__isnull=False,
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        )
        .select_related("finished_by", "workflow_state")
        .order_by("-finished_at")
    ):
        last_reviews.setdefault(task_state.workflow_state.object_id, task_state)

    statuses = {}
    for practice in practices:
        key = str(practice.pk)
        state = states.get(key)
        review = last_reviews.get(key)
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            rejected = state.current_task_state
            code = "published_needs_changes" if practice.live else "needs_changes"
            statuses[practice.pk] = ReviewStatus(
                code=code,
                label=STATUS_LABELS[code],
                comment=rejected.comment if rejected else "",
                reviewer=rejected.finished_by if rejected else None,
                reviewed_at=rejected.finished_at if rejected else None,
            )
            continue
        if state is not None:
            code = "published_in_review" if practice.live else "in_review"
            statuses[practice.pk] = ReviewStatus(
                code=code, label=STATUS_LABELS[code], since=state.created_at
            )
            continue
        code = "published" if practice.live else "draft"
        statuses[practice.pk] = ReviewStatus(
            code=code,
            label=STATUS_LABELS[code],
            comment=review.comment if review else "",
            reviewer=review.finished_by if review else None,
            reviewed_at=review.finished_at if review else None,
        )
    return statuses
