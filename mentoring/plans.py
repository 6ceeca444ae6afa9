"""Individual development plans: goals, tasks and the progress both sides of a pair see."""

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from mentoring.models import DevelopmentPlan, Goal, Task, TaskStatus


def progress_percent(done, total):
    """Done tasks as a whole percentage of all tasks; a plan without tasks is at 0 %."""
    return round(100 * done / total) if total else 0


def task_counts(pair):
    """(done, total) tasks of the pair's plan, in one query."""
    counts = Task.objects.filter(goal__plan__pair=pair).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status=TaskStatus.DONE))
    )
    return counts["done"], counts["total"]


def ensure_plan(pair):
    plan, _created = DevelopmentPlan.objects.get_or_create(pair=pair)
    return plan


def _next_order(queryset):
    return (queryset.aggregate(last=Max("sort_order"))["last"] or 0) + 1


@transaction.atomic
def add_goal(plan, title):
    return Goal.objects.create(plan=plan, title=title, sort_order=_next_order(plan.goals.all()))


@transaction.atomic
def add_task(goal, title, due_on):
    return Task.objects.create(
        goal=goal, title=title, due_on=due_on, sort_order=_next_order(goal.tasks.all())
    )


def set_task_status(task, status, on=None):
    """Change a task's status; a done task remembers the day it was done."""
    task.status = status
    if status == TaskStatus.DONE:
        task.done_on = task.done_on or on or timezone.localdate()
    else:
        task.done_on = None
    task.save(update_fields=["status", "done_on"])
    return task


def plan_with_goals(pair):
    """The plan of ``pair`` with its goals and their tasks: two queries."""
    plan = ensure_plan(pair)
    goals = list(plan.goals.prefetch_related("tasks"))
    for goal in goals:
        tasks = list(goal.tasks.all())
        goal.done = sum(task.status == TaskStatus.DONE for task in tasks)
        goal.total = len(tasks)
    plan.goal_list = goals
    plan.done = sum(goal.done for goal in goals)
    plan.total = sum(goal.total for goal in goals)
    plan.percent = progress_percent(plan.done, plan.total)
    return plan
