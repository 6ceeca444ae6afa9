"""Views of the practice bank outside Wagtail's page serving: proposing, «Мои практики», applying."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentoring.models import MentorProfile
from portal import ratelimits
from portal.views import rate_limited
from practices import publishing
from practices.applications import can_apply, record_application, withdraw_application
from practices.forms import ApplicationForm, PracticeProposalForm, step_formset_class
from practices.models import PracticeIndexPage, PracticePage
from practices.proposals import fill_practice, form_initial, latest_draft, stored_files, unique_slug

STEP_PREFIX = "steps"
# PORTAL_RATE_LIMITS["proposal"] and ["application"], per person; an attempt is
# counted only once it succeeded, so a form sent back with errors costs nothing.
RATE_KEY = "user"


def _bank_index():
    index = PracticeIndexPage.objects.live().first()
    if index is None:
        raise Http404(_("Банк практик ещё не создан."))
    return index


def _profile_of(user):
    return MentorProfile.objects.filter(user=user).select_related("organisation").first()


def _forbidden(request, title, text, link=None):
    return TemplateResponse(
        request,
        "practices/forbidden.html",
        {"title": title, "text": text, "link": link},
        status=403,
    )


def _proposal_response(request, context, status=200):
    # Browsers never refill file inputs: say so when a form with files comes back.
    context["files_lost"] = request.method == "POST" and bool(request.FILES)
    response = TemplateResponse(request, "practices/propose.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(ratelimits.retry_after_seconds("proposal"))
    return response


@login_required
def propose(request):
    """«Предложить практику»: a mentor's practice becomes a draft sent to the methodists."""
    if not publishing.can_propose(request.user):
        return _forbidden(
            request,
            _("Предложить практику"),
            _(
                "Предлагать практики в банк могут наставники. Если вы наставник, попросите "
                "методиста или администратора портала отметить это в вашей учётной записи."
            ),
        )
    index = _bank_index()
    profile = _profile_of(request.user)
    StepFormSet = step_formset_class()
    status = 200
    if request.method == "POST":
        form = PracticeProposalForm(request.POST, request.FILES, profile=profile)
        steps = StepFormSet(request.POST, request.FILES, prefix=STEP_PREFIX)
        if ratelimits.is_used_up(request, "proposal", key=RATE_KEY):
            form.add_error(
                None,
                _(
                    "Вы уже отправили много практик подряд. Попробуйте позже — то, что вы ввели, сохранено на этой странице."
                ),
            )
            status = 429
        elif form.is_valid() and steps.is_valid():
            with stored_files(request.user) as store:
                practice = PracticePage(slug=unique_slug(index, form.cleaned_data["title"]))
                fill_practice(practice, form, steps.filled_forms(), store, author_profile=profile)
                publishing.propose(index, practice, request.user)
            ratelimits.count_use(request, "proposal", key=RATE_KEY)
            messages.success(
                request,
                _(
                    "Практика «%(title)s» отправлена методисту на проверку. После одобрения она появится в банке."
                )
                % {"title": practice.title},
            )
            return redirect("practices:mine")
        else:
            status = 400
    else:
        initial = {"organisation": profile.organisation if profile else None}
        form = PracticeProposalForm(initial=initial, profile=profile)
        steps = StepFormSet(prefix=STEP_PREFIX)
    return _proposal_response(
        request,
        {"form": form, "steps": steps, "index": index, "profile": profile, "editing": None},
        status=status,
    )


@login_required
def edit_proposal(request, page_id):
    """The author corrects a draft or a practice returned for changes, and sends it again."""
    stored = get_object_or_404(PracticePage, pk=page_id)
    if not publishing.user_can_revise(request.user, stored):
        return _forbidden(
            request,
            _("Изменить практику"),
            _(
                "На сайте автор меняет только неопубликованную практику, пока она не на проверке. "
                "Опубликованную практику изменяют в панели управления, и изменения тоже проверяет методист."
            ),
            link=(reverse("practices:mine"), _("Мои практики")),
        )
    index = _bank_index()
    profile = _profile_of(request.user)
    draft = latest_draft(stored)
    initial, step_initial, image_ids, document_ids = form_initial(draft)
    resources = list(draft.resources.all())
    StepFormSet = step_formset_class(len(step_initial))
    formset_kwargs = {
        "prefix": STEP_PREFIX,
        "initial": step_initial,
        "allowed_image_ids": image_ids,
        "allowed_document_ids": document_ids,
    }
    status = 200
    if request.method == "POST":
        form = PracticeProposalForm(
            request.POST, request.FILES, profile=profile, resources=resources, initial=initial
        )
        steps = StepFormSet(request.POST, request.FILES, **formset_kwargs)
        if ratelimits.is_used_up(request, "proposal", key=RATE_KEY):
            form.add_error(None, _("Слишком много отправок подряд. Попробуйте позже."))
            status = 429
        elif form.is_valid() and steps.is_valid():
            with stored_files(request.user) as store:
                fill_practice(draft, form, steps.filled_forms(), store, author_profile=profile)
                publishing.revise(draft, request.user)
            ratelimits.count_use(request, "proposal", key=RATE_KEY)
            messages.success(
                request,
                _("Изменения практики «%(title)s» отправлены методисту на проверку.")
                % {"title": draft.title},
            )
            return redirect("practices:mine")
        else:
            status = 400
    else:
        form = PracticeProposalForm(initial=initial, profile=profile, resources=resources)
        steps = StepFormSet(**formset_kwargs)
    return _proposal_response(
        request,
        {"form": form, "steps": steps, "index": index, "profile": profile, "editing": stored},
        status=status,
    )


@login_required
def my_practices(request):
    """«Мои практики»: what the author proposed and what the methodists said."""
    practices = list(publishing.practices_of_author(request.user))
    statuses = publishing.review_statuses(practices)
    has_admin = request.user.has_perm("wagtailadmin.access_admin")
    items = [
        {
            "practice": practice,
            "status": statuses[practice.pk],
            "can_revise": not practice.live
            and statuses[practice.pk].code in {"draft", "needs_changes"},
            "can_edit_in_admin": has_admin
            and practice.permissions_for_user(request.user).can_edit(),
        }
        for practice in practices
    ]
    return TemplateResponse(
        request,
        "practices/my_practices.html",
        {
            "items": items,
            "can_propose": publishing.can_propose(request.user),
        },
    )


def _wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


def _application_answer(request, practice, message, status=200, applied=None):
    if _wants_json(request):
        return JsonResponse(
            {
                "count": practice.applications_count,
                "applied": applied,
                "message": str(message),
            },
            status=status,
        )
    if status == 200:
        messages.success(request, message)
    else:
        messages.error(request, message)
    return redirect(practice.get_url(request) + "#primenenie")


@login_required
@require_POST
def apply(request, page_id):
    """Record «Применил(а) в своей работе» (or update its comment)."""
    practice = get_object_or_404(PracticePage.objects.live(), pk=page_id)
    if not can_apply(request.user, practice):
        return _application_answer(
            request,
            practice,
            _("Отметить применение может педагог, не являющийся автором практики."),
            403,
        )
    if ratelimits.is_used_up(request, "application", key=RATE_KEY):
        if not _wants_json(request):
            return rate_limited(request)  # the Russian 429 page, with Retry-After
        response = _application_answer(
            request, practice, _("Слишком много отметок подряд. Попробуйте позже."), 429
        )
        response["Retry-After"] = str(ratelimits.retry_after_seconds("application"))
        return response
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return _application_answer(request, practice, " ".join(form.errors["comment"]), 400)
    _application, created = record_application(practice, request.user, form.cleaned_data["comment"])
    ratelimits.count_use(request, "application", key=RATE_KEY)
    message = (
        _("Спасибо! Отмечено, что вы применили практику в своей работе.")
        if created
        else _("Ваш комментарий к применению практики обновлён.")
    )
    return _application_answer(request, practice, message, applied=True)


@login_required
@require_POST
def withdraw(request, page_id):
    practice = get_object_or_404(PracticePage.objects.live(), pk=page_id)
    if withdraw_application(practice, request.user):
        return _application_answer(
            request, practice, _("Отметка о применении снята."), applied=False
        )
    return _application_answer(request, practice, _("Отметки о применении не было."), applied=False)
