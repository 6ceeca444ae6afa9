from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from mentoring.models import MentorProfile


def mentor_profile(request, slug):
    """A mentor's public profile. Issue #7 adds photo, expertise, awards and gathered work."""
    profile = get_object_or_404(MentorProfile.objects.select_related("organisation"), slug=slug)
    return TemplateResponse(request, "mentoring/mentor_profile.html", {"profile": profile})
