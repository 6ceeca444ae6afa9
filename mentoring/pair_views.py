"""The pair's page and what its members do there: the plan, self-assessment, diary,
comments, surveys, declining, the result; and the curator's actions on a pair.

Every view starts with ``access.pair_for``: a user outside the pair, who is not
the programme's curator or a methodist, gets «not found». A form with errors
re-renders the pair page with what was typed and the message beside the field.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mentoring import access, closing, pairing, plans, result_documents
from mentoring.access import CURATOR, MENTEE, MENTOR
from mentoring.models import (
    Comment,
    DiaryEntry,
    Goal,
    PairResult,
    PairState,
    SelfAssessment,
    SelfAssessmentMoment,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    Task,
)
from mentoring.programme_forms import (
    CommentForm,
    DeclineForm,
    DiaryEntryForm,
    GoalForm,
    PairResultForm,
    PlanForm,
    SelfAssessmentForm,
    SurveyForm,
    TaskForm,
    TaskStatusForm,
)

# Pairs whose plan can still change.
WORKING_STATES = [PairState.CONFIRMED, PairState.ACTIVE]


@login_required
def my_pairs(request):
    """«Мои пары»: the pairs and groups the signed-in person is in, as mentor or mentee."""
    pairs = list(access.own_pairs(request.user).for_lists().order_by("-created_at"))
    for pair in pairs:
        pair.viewer_role = MENTOR if pair.mentor.user_id == request.user.pk else MENTEE
    return TemplateResponse(request, "mentoring/pair/my_pairs.html", {"pairs": pairs})


def _page(request, pair, status=200, **forms):
    """The pair page; ``forms`` replace the empty forms (bound, with errors)."""
    plan = plans.plan_with_goals(pair)
    role = pair.viewer_role
    is_member = role in (MENTOR, MENTEE)
    working = pair.state in WORKING_STATES
    assessments = list(
        SelfAssessment.objects.filter(pair=pair).select_related("author").order_by("moment", "pk")
    )
    own_moments = {a.moment for a in assessments if a.author_id == request.user.pk}
    surveys = list(Survey.objects.filter(programme=pair.programme).order_by("opens_on"))
    answered = set(
        SurveyResponse.objects.filter(pair=pair, respondent=request.user).values_list(
            "survey_id", flat=True
        )
    )
    today = timezone.localdate()
    for survey in surveys:
        survey.answered = survey.pk in answered
        survey.open_now = survey.is_open(today)
    result = (
        PairResult.objects.filter(pair=pair).select_related("practice", "event", "document").first()
    )
    context = {
        "pair": pair,
        "programme": pair.programme,
        "role": role,
        "is_member": is_member,
        "may_run": role == CURATOR or access.may_run(request.user, pair.programme),
        "working": working,
        "plan": plan,
        "mentees": pair.current_memberships,
        "left": [m for m in pair.memberships.all() if m.declined_at is not None],
        "assessments": assessments,
        "moments": SelfAssessmentMoment.choices,
        "own_moments": own_moments,
        "diary": list(DiaryEntry.objects.filter(pair=pair).select_related("author")),
        "comments": list(Comment.objects.filter(pair=pair).select_related("author")),
        "surveys": surveys,
        "result": result,
        "may_decline": is_member and pair.state in (PairState.PROPOSED, PairState.CONFIRMED),
        "plan_form": forms.get("plan_form") or PlanForm(instance=plan, prefix="plan"),
        "goal_form": forms.get("goal_form") or GoalForm(prefix="goal"),
        "task_form": forms.get("task_form") or TaskForm(prefix="task"),
        "task_goal_id": forms.get("task_goal_id"),
        "diary_form": forms.get("diary_form")
        or DiaryEntryForm(prefix="diary", initial={"met_on": today}),
        "comment_form": forms.get("comment_form") or CommentForm(prefix="comment"),
        "statuses": TaskStatusForm.base_fields["status"].choices,
    }
    return TemplateResponse(request, "mentoring/pair/detail.html", context, status=status)


@login_required
def pair_detail(request, pk):
    return _page(request, access.pair_for(request.user, pk))


def _member_pair(request, pk, *, working=True, roles=(MENTOR, MENTEE)):
    """The pair if the user is one of ``roles`` in it (and it still works, if asked)."""
    pair = access.pair_for(request.user, pk)
    if pair.viewer_role not in roles:
        raise Http404
    if working and pair.state not in WORKING_STATES:
        messages.error(request, _("План этой пары больше не меняется."))
        return None
    return pair


@login_required
@require_POST
def plan_edit(request, pk):
    pair = _member_pair(request, pk)
    if pair is None:
        return redirect("mentoring:pair", pk)
    form = PlanForm(request.POST, instance=plans.ensure_plan(pair), prefix="plan")
    if not form.is_valid():
        return _page(request, pair, status=400, plan_form=form)
    form.save()
    messages.success(request, _("План сохранён."))
    return redirect(f"{pair.get_absolute_url()}#plan")


@login_required
@require_POST
def goal_add(request, pk):
    pair = _member_pair(request, pk)
    if pair is None:
        return redirect("mentoring:pair", pk)
    form = GoalForm(request.POST, prefix="goal")
    if not form.is_valid():
        return _page(request, pair, status=400, goal_form=form)
    plans.add_goal(plans.ensure_plan(pair), form.cleaned_data["title"])
    messages.success(request, _("Цель добавлена. Добавьте к ней задачи со сроками."))
    return redirect(f"{pair.get_absolute_url()}#plan")


@login_required
@require_POST
def task_add(request, pk, goal_id):
    pair = _member_pair(request, pk)
    if pair is None:
        return redirect("mentoring:pair", pk)
    goal = get_object_or_404(Goal, pk=goal_id, plan__pair=pair)
    form = TaskForm(request.POST, prefix="task", programme=pair.programme)
    if not form.is_valid():
        return _page(request, pair, status=400, task_form=form, task_goal_id=goal.pk)
    plans.add_task(goal, form.cleaned_data["title"], form.cleaned_data["due_on"])
    messages.success(request, _("Задача добавлена."))
    return redirect(f"{pair.get_absolute_url()}#goal-{goal.pk}")


@login_required
@require_POST
def task_status(request, pk, task_id):
    pair = _member_pair(request, pk)
    if pair is None:
        return redirect("mentoring:pair", pk)
    task = get_object_or_404(Task, pk=task_id, goal__plan__pair=pair)
    form = TaskStatusForm(request.POST)
    if form.is_valid():
        plans.set_task_status(task, form.cleaned_data["status"])
        messages.success(
            request,
            _("Задача «%(task)s»: %(status)s.")
            % {"task": task.title, "status": task.get_status_display()},
        )
    else:
        messages.error(request, _("Выберите статус задачи из списка."))
    return redirect(f"{pair.get_absolute_url()}#task-{task.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment(request, pk, moment):
    if moment not in SelfAssessmentMoment.values:
        raise Http404
    pair = _member_pair(request, pk, working=False)
    instance = SelfAssessment.objects.filter(pair=pair, author=request.user, moment=moment).first()
    if request.method == "POST":
        form = SelfAssessmentForm(request.POST, instance=instance)
        if form.is_valid():
            assessment = form.save(commit=False)
            assessment.pair, assessment.author, assessment.moment = pair, request.user, moment
            assessment.save()
            messages.success(request, _("Самооценка сохранена: её видят участники пары и куратор."))
            return redirect(f"{pair.get_absolute_url()}#self-assessment")
    else:
        form = SelfAssessmentForm(instance=instance)
    return TemplateResponse(
        request,
        "mentoring/pair/self_assessment.html",
        {"pair": pair, "form": form, "moment": SelfAssessmentMoment(moment)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def diary_add(request, pk):
    pair = _member_pair(request, pk, working=False, roles=(MENTOR,))
    form = DiaryEntryForm(request.POST, prefix="diary")
    if not form.is_valid():
        return _page(request, pair, status=400, diary_form=form)
    entry = form.save(commit=False)
    entry.pair, entry.author = pair, request.user
    entry.save()
    messages.success(request, _("Запись добавлена в дневник наставника."))
    return redirect(f"{pair.get_absolute_url()}#diary")


@login_required
@require_POST
def comment_add(request, pk):
    pair = _member_pair(request, pk, working=False)
    form = CommentForm(request.POST, prefix="comment")
    if not form.is_valid():
        return _page(request, pair, status=400, comment_form=form)
    comment = form.save(commit=False)
    comment.pair, comment.author = pair, request.user
    comment.save()
    return redirect(f"{pair.get_absolute_url()}#comment-{comment.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def survey_form(request, pk, survey_id):
    pair = _member_pair(request, pk, working=False)
    survey = get_object_or_404(
        Survey.objects.prefetch_related(Prefetch("questions")),
        pk=survey_id,
        programme=pair.programme,
    )
    if SurveyResponse.objects.filter(survey=survey, pair=pair, respondent=request.user).exists():
        messages.info(request, _("Вы уже заполнили эту анкету. Спасибо!"))
        return redirect(f"{pair.get_absolute_url()}#surveys")
    if not survey.is_open():
        messages.error(request, _("Анкета сейчас закрыта."))
        return redirect(f"{pair.get_absolute_url()}#surveys")
    questions = survey.questions.all()
    form = SurveyForm(questions, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey, pair=pair, respondent=request.user
            )
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(response=response, question=question, score=score, text=text)
                for question, score, text in form.answers()
            )
        messages.success(request, _("Спасибо! Ответы сохранены."))
        return redirect(f"{pair.get_absolute_url()}#surveys")
    return TemplateResponse(
        request,
        "mentoring/pair/survey.html",
        {"pair": pair, "survey": survey, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def decline(request, pk):
    pair = _member_pair(request, pk, working=False)
    if pair.state not in (PairState.PROPOSED, PairState.CONFIRMED):
        messages.error(
            request, _("От пары, которая уже работает, отказаться нельзя: напишите куратору.")
        )
        return redirect(pair)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pairing.decline(pair, request.user, form.cleaned_data["reason"])
        except pairing.PairingError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, _("Отказ принят. Куратор программы подберёт новую пару."))
            if pair.viewer_role == MENTEE and pair.state != PairState.DECLINED:
                return redirect("mentoring:my_pairs")  # left a group that goes on
            return redirect(pair)
    return TemplateResponse(
        request,
        "mentoring/pair/decline.html",
        {"pair": pair, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def result_form(request, pk):
    pair = _member_pair(request, pk, working=False)
    if pair.state not in (PairState.ACTIVE, PairState.FINISHED):
        messages.error(request, _("Итог представляет пара, которая начала работу."))
        return redirect(pair)
    instance = PairResult.objects.filter(pair=pair).first()
    form = PairResultForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            result = form.save(commit=False)
            result.pair, result.submitted_by = pair, request.user
            upload = form.cleaned_data.get("document_upload")
            replaced = None
            if upload:
                replaced = result.document
                result.document = result_documents.store(
                    upload,
                    title=_("Итог пары: %(mentor)s") % {"mentor": pair.mentor.short_name},
                    user=request.user,
                )
            result.save()
            if replaced is not None and result_documents.is_private(replaced):
                replaced.delete()  # nobody else links to a pair's own file
        messages.success(request, _("Итог сохранён: куратор увидит его на странице пары."))
        return redirect(f"{pair.get_absolute_url()}#result")
    return TemplateResponse(
        request,
        "mentoring/pair/result_form.html",
        {"pair": pair, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def pair_action(request, pk, action):
    """Confirm, start, finish, mark as best: the curator's (starting also the mentor's) buttons."""
    pair = access.pair_for(request.user, pk)
    role = pair.viewer_role
    allowed = {
        "confirm": (CURATOR,),
        "start": (CURATOR, MENTOR),
        "finish": (CURATOR,),
        "best": (CURATOR,),
    }
    if action not in allowed:
        raise Http404
    if role not in allowed[action] and not (
        CURATOR in allowed[action] and access.may_run(request.user, pair.programme)
    ):
        raise Http404
    try:
        if action == "confirm":
            pairing.confirm(pair, by=request.user)
            messages.success(request, _("Пара подтверждена: участникам открыт план развития."))
        elif action == "start":
            pairing.start(pair)
            messages.success(request, _("Пара начала работу по плану."))
        elif action == "finish":
            pairing.finish(pair)
            messages.success(request, _("Работа пары завершена."))
        else:
            award = closing.mark_best_pair(pair)
            messages.success(
                request,
                _("Пара отмечена как лучшая: наставнику вручена награда «%(award)s».")
                % {"award": award.title},
            )
    except (pairing.PairingError, closing.ClosingError) as error:
        messages.error(request, str(error))
    next_url = request.POST.get("next", "")
    if next_url == "curator":
        return redirect("mentoring:curator", pair.programme.slug)
    return redirect(pair)
