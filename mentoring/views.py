from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mentoring.forms import MentorProfileForm
from mentoring.models import Award, MentorProfile
from mentoring.photos import allowed_formats_label, with_photo_renditions
from mentoring.profiles import (
    may_manage_awards,
    may_start_profile,
    new_profile_for,
    own_profile,
    save_own_profile,
)
from mentoring.work import gather_work
from portal.navigation import section_pages


def mentor_profile(request, slug):
    """A mentor's public profile: photo, expertise, awards by year and the work gathered from the portal."""
    queryset = with_photo_renditions(
        MentorProfile.objects.select_related("organisation", "municipality", "photo", "user"),
        "profile",
    ).prefetch_related(
        "subjects",
        "competencies",
        "education_levels",
        "mentoring_forms",
        Prefetch("awards", queryset=Award.objects.by_importance(), to_attr="all_awards"),
    )
    profile = get_object_or_404(queryset, slug=slug)
    is_owner = request.user.is_authenticated and profile.user_id == request.user.pk
    return TemplateResponse(
        request,
        "mentoring/mentor_profile.html",
        {
            "profile": profile,
            "work": gather_work(profile),
            "awards_by_year": _group_by_year(profile.all_awards),
            "honour_board": section_pages(request).get("honour_board"),
            "is_owner": is_owner,
            "add_award_url": admin_add_award_url(profile)
            if may_manage_awards(request.user)
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_own_profile(request):
    """The signed-in mentor's own profile: there is no way to name someone else's here."""
    profile = own_profile(request.user)
    if profile is None:
        if not may_start_profile(request.user):
            # A friendly refusal: a teacher who followed a link learns whom to ask.
            return TemplateResponse(request, "mentoring/profile_unavailable.html", status=403)
        profile = new_profile_for(request.user)
    creating = profile.pk is None
    if request.method == "POST":
        form = MentorProfileForm(request.POST, request.FILES, instance=profile)
        if form.is_valid():
            profile = save_own_profile(form, request.user)
            messages.success(
                request,
                _("Профиль создан: так его видят посетители портала.")
                if creating
                else _("Изменения сохранены: так профиль видят посетители портала."),
            )
            return redirect(profile.get_absolute_url())
        messages.error(request, _("Профиль не сохранён: исправьте отмеченные поля."))
    else:
        form = MentorProfileForm(instance=profile)
    return TemplateResponse(
        request,
        "mentoring/profile_form.html",
        {
            "form": form,
            "profile": profile,
            "creating": creating,
            "photo_max_bytes": settings.MENTORING_PHOTO_MAX_UPLOAD_SIZE,
            "photo_formats": allowed_formats_label(),
        },
    )


def _group_by_year(awards):
    """[(2024, [award, …]), (2022, […])], newest year first, as the awards arrive sorted."""
    groups = []
    for award in awards:
        if groups and groups[-1][0] == award.year:
            groups[-1][1].append(award)
        else:
            groups.append((award.year, [award]))
    return groups


def admin_add_award_url(profile):
    return reverse("wagtailsnippets_mentoring_award:add") + f"?profile={profile.pk}"
