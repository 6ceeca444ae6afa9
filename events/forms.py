from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Registration


class RegistrationForm(forms.Form):
    """What an organiser needs to know about a participant, beyond the account's name and email."""

    organisation = forms.CharField(
        label=_("Организация"),
        max_length=255,
        help_text=_("Школа, детский сад, колледж: «ГБОУ гимназия № 524»."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    position = forms.CharField(
        label=_("Должность"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    comment = forms.CharField(
        label=_("Вопрос или комментарий организаторам"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("Согласен(на) на обработку моих персональных данных для участия в мероприятии"),
        help_text=_(
            "ФИО, электронная почта, организация и должность передаются организаторам "
            "мероприятия (152-ФЗ «О персональных данных»)."
        ),
        error_messages={"required": _("Без согласия на обработку данных записаться нельзя.")},
    )

    def clean_organisation(self):
        value = self.cleaned_data["organisation"].strip()
        if not value:
            raise forms.ValidationError(_("Укажите организацию."))
        return value

    def registration_fields(self):
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "position": data.get("position", ""),
            "comment": data.get("comment", ""),
        }


def initial_for(user):
    """Prefill from the person's last registration, or from their mentor profile."""
    last = (
        Registration.objects.filter(user=user)
        .exclude(organisation="")
        .order_by("-queued_at")
        .values("organisation", "position")
        .first()
    )
    if last:
        return last
    profile = getattr(user, "mentor_profile", None)
    if profile is not None:
        organisation = profile.organisation.name if profile.organisation_id else ""
        return {"organisation": organisation, "position": profile.position}
    return {}
