"""Pages of a programme: the list, a programme's page, the mentee's request, the curator's
desk with suggestions, the figures with their charts and the XLSX export.

Thin views: rules live in ``access`` (who sees what), ``pairing`` (forming
pairs), ``matching``, ``figures``, ``charts`` and ``exports``.
"""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mentoring import access, charts, closing, exports, feedback, figures, matching, pairing
from mentoring.models import (
    MenteeRequest,
    MentorPoolEntry,
    MentorProfile,
    Pair,
    PairState,
    Programme,
    ProgrammeOrganisation,
)
from mentoring.models.pairs import OCCUPYING_STATES
from mentoring.programme_forms import MenteeRequestForm, PairingForm
from mentoring.templatetags.mentoring_tags import IN_PROGRAMME_SESSION_KEY

# Requests shown with their suggestions on one page of the curator's desk.
WAITING_PER_PAGE = 15


def _programme(slug):
    return get_object_or_404(
        Programme.objects.select_related("curator").prefetch_related(
            "stages",
            Prefetch(
                "participants",
                queryset=ProgrammeOrganisation.objects.select_related("organisation"),
            ),
        ),
        slug=slug,
    )


def _run_or_404(request, slug):
    programme = _programme(slug)
    if not access.may_run(request.user, programme):
        raise Http404
    return programme


@login_required
def programme_list(request):
    """Programmes of the portal: where a teacher may ask for a mentor, what a curator runs."""
    run = set(access.run_programmes(request.user).values_list("pk", flat=True))
    own_requests = dict(
        MenteeRequest.objects.filter(teacher=request.user).values_list("programme_id", "pk")
    )
    programmes = list(Programme.objects.all())
    for programme in programmes:
        programme.may_run = programme.pk in run
        programme.has_request = programme.pk in own_requests
    return TemplateResponse(
        request,
        "mentoring/programme/list.html",
        {"programmes": programmes, "today": timezone.localdate()},
    )


@login_required
def programme_detail(request, slug):
    programme = _programme(slug)
    own_request = access.own_request(request.user, programme)
    pool_entry = MentorPoolEntry.objects.filter(
        programme=programme, mentor__user=request.user
    ).first()
    pairs = list(access.own_pairs(request.user).filter(programme=programme).for_lists())
    for pair in pairs:
        pair.viewer_role = (
            access.MENTOR if pair.mentor.user_id == request.user.pk else access.MENTEE
        )
    return TemplateResponse(
        request,
        "mentoring/programme/detail.html",
        {
            "programme": programme,
            "current_stage": programme.current_stage(),
            "own_request": own_request,
            "pool_entry": pool_entry,
            "pairs": pairs,
            "may_run": access.may_run(request.user, programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_form(request, slug):
    """The teacher's own request: create it or change it; nothing is lost on an error."""
    programme = _programme(slug)
    existing = access.own_request(request.user, programme)
    if existing is None and not programme.accepts_requests:
        messages.error(request, _("Приём запросов в эту программу закрыт."))
        return redirect(programme)
    if request.method == "POST":
        form = MenteeRequestForm(request.POST, instance=existing)
        if form.is_valid():
            mentee_request = form.save(commit=False)
            mentee_request.programme = programme
            mentee_request.teacher = request.user
            mentee_request.save()
            form.save_m2m()
            request.session[IN_PROGRAMME_SESSION_KEY] = True  # «Мои пары» in the header
            messages.success(
                request,
                _("Запрос сохранён. Куратор программы подберёт вам наставника.")
                if existing is None
                else _("Изменения в запросе сохранены."),
            )
            return redirect(programme)
        messages.error(request, _("Запрос не сохранён: исправьте отмеченные поля."))
    else:
        initial = {}
        if existing is None:
            profile = getattr(request.user, "mentor_profile", None)
            if profile is not None and profile.organisation_id:
                initial["organisation"] = profile.organisation_id
        form = MenteeRequestForm(instance=existing, initial=initial)
    return TemplateResponse(
        request,
        "mentoring/programme/request_form.html",
        {"programme": programme, "form": form, "existing": existing},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def curator_desk(request, slug):
    """The curator's desk: requests waiting with ranked suggestions, proposed pairs, all pairs."""
    programme = _run_or_404(request, slug)
    # Oldest requests first, a page at a time: each one carries its ranked suggestions.
    page_obj = Paginator(
        pairing.open_requests(programme).for_matching().order_by("created_at", "pk"),
        WAITING_PER_PAGE,
    ).get_page(request.GET.get("page"))
    waiting = list(page_obj.object_list)
    suggestions = matching.suggestions_for(programme, waiting)
    groups = {}  # mentor id → an occupying pair to add a mentee to
    pairs = list(Pair.objects.filter(programme=programme).for_lists().order_by("state", "-pk"))
    for pair in pairs:
        if pair.state in OCCUPYING_STATES:
            groups.setdefault(pair.mentor_id, pair)
    for mentee_request in waiting:
        mentee_request.suggestions = suggestions[mentee_request.pk]
        for suggestion in mentee_request.suggestions:
            suggestion.group = groups.get(suggestion.mentor.id)
    pool = list(
        MentorPoolEntry.objects.filter(programme=programme)
        .select_related("mentor__organisation", "best_award")
        .annotate(
            taken=Count(
                "mentor__pairs__memberships",
                filter=Q(
                    mentor__pairs__programme=programme,
                    mentor__pairs__state__in=OCCUPYING_STATES,
                    mentor__pairs__memberships__declined_at__isnull=True,
                ),
            )
        )
    )
    # The table of pairs can show one state at a time: a district has hundreds of pairs.
    listed = [p for p in pairs if p.state != PairState.PROPOSED]
    per_state = Counter(p.state for p in listed)
    shown_state = request.GET.get("sostoyanie")
    if shown_state not in per_state:
        shown_state = None
    return TemplateResponse(
        request,
        "mentoring/programme/curator.html",
        {
            "programme": programme,
            "waiting": waiting,
            "page_obj": page_obj,
            "proposed": [p for p in pairs if p.state == PairState.PROPOSED],
            "pairs": [p for p in listed if shown_state in (None, p.state)],
            "pairs_total": len(listed),
            "pair_states": [
                (value, label, per_state[value])
                for value, label in PairState.choices
                if per_state[value]
            ],
            "shown_state": shown_state,
            "pool": pool,
            "points": matching.POINTS,
        },
    )


@login_required
@require_POST
def form_pair(request, slug):
    """Form (propose or confirm) a pair from a suggestion, or add the mentee to a mentor's group."""
    programme = _run_or_404(request, slug)
    form = PairingForm(programme, request.POST)
    if not form.is_valid():
        messages.error(request, _("Пара не сформирована: выберите запрос и наставника."))
        return redirect("mentoring:curator", programme.slug)
    mentee_request = form.cleaned_data["request"]
    mentor = MentorProfile.objects.filter(pk=form.cleaned_data["mentor"]).first()
    if mentor is None:
        messages.error(request, _("Такого наставника нет."))
        return redirect("mentoring:curator", programme.slug)
    try:
        group_id = form.cleaned_data.get("group")
        if group_id:
            group = get_object_or_404(Pair, pk=group_id, programme=programme, mentor=mentor)
            pairing.add_to_group(group, mentee_request, by=request.user)
            messages.success(
                request,
                _("%(mentee)s добавлен(а) в группу наставника %(mentor)s.")
                % {"mentee": mentee_request.teacher_name, "mentor": mentor.short_name},
            )
            return redirect("mentoring:curator", programme.slug)
        loaded = MenteeRequest.objects.for_matching().get(pk=mentee_request.pk)
        suggestion = matching.suggestion_for(programme, loaded, mentor)
        confirm = form.cleaned_data["action"] == PairingForm.CONFIRM
        pair = pairing.form_pair(
            programme,
            mentor,
            [mentee_request],
            by=request.user,
            confirm=confirm,
            suggestion=suggestion,
        )
    except pairing.PairingError as error:
        messages.error(request, str(error))
        return redirect("mentoring:curator", programme.slug)
    messages.success(
        request,
        (
            _("Пара подтверждена: %(mentor)s и %(mentee)s. Им открыт план развития.")
            if pair.state == PairState.CONFIRMED
            else _("Пара предложена: %(mentor)s и %(mentee)s. Подтвердите её после встречи.")
        )
        % {"mentor": mentor.short_name, "mentee": mentee_request.teacher_name},
    )
    return redirect("mentoring:curator", programme.slug)


@login_required
@require_POST
def best_mentor(request, slug, entry_id):
    programme = _run_or_404(request, slug)
    entry = get_object_or_404(
        MentorPoolEntry.objects.select_related("mentor", "programme"),
        pk=entry_id,
        programme=programme,
    )
    award = closing.mark_best_mentor(entry)
    messages.success(
        request,
        _("%(mentor)s отмечен(а) наградой «%(award)s»: она появилась на доске почёта.")
        % {"mentor": entry.mentor.short_name, "award": award.title},
    )
    return redirect("mentoring:curator", programme.slug)


@login_required
def dashboard(request, slug):
    """The programme's figures with server-drawn charts: nothing is loaded from elsewhere."""
    programme = _run_or_404(request, slug)
    result = figures.gather(programme)
    return TemplateResponse(
        request,
        "mentoring/programme/dashboard.html",
        {
            "programme": programme,
            "figures": result,
            "pairs_chart": charts.pairs_by_state(result),
            "young_chart": charts.young_coverage(result),
            "survey_chart": charts.satisfaction_by_survey(result),
            "questions": feedback.question_results(programme),
        },
    )


@login_required
def export_xlsx(request, slug):
    """The programme's figures, pairs and requests as XLSX; the export is logged (personal data)."""
    programme = _run_or_404(request, slug)
    content, rows = exports.programme_workbook(programme)
    exports.log_export(request.user, programme, rows)
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="programma-{programme.slug}-{stamp}.xlsx"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
