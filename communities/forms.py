from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from communities.membership import MUTE_CHOICES_HOURS
from communities.models import Channel
from portal.demo import translit_slug


class MessageForm(forms.Form):
    """The composer without JavaScript; the same rules apply on the WebSocket."""

    text = forms.CharField(
        label=_("Сообщение"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,  # messaging.validate_text answers an empty message in its own words
        help_text=_("Ссылки станут кликабельными; упомянуть участника — @имя_пользователя."),
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["maxlength"] = settings.COMMUNITIES_MESSAGE_MAX_LENGTH


class EditMessageForm(forms.Form):
    text = forms.CharField(label=_("Текст сообщения"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["maxlength"] = settings.COMMUNITIES_MESSAGE_MAX_LENGTH


class JoinRequestForm(forms.Form):
    note = forms.CharField(
        label=_("Несколько слов о себе"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Модератор увидит это вместе с заявкой: где вы работаете, чем интересно сообщество."
        ),
    )


class MuteForm(forms.Form):
    hours = forms.TypedChoiceField(
        label=_("Срок"),
        coerce=int,
        choices=[
            (1, _("на час")),
            (24, _("на сутки")),
            (24 * 7, _("на неделю")),
        ],
    )

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours not in MUTE_CHOICES_HOURS:
            raise forms.ValidationError(_("Выберите срок из списка."))
        return hours


class ChannelForm(forms.ModelForm):
    class Meta:
        model = Channel
        fields = ["name", "description", "is_public", "is_archived", "sort_order"]
        widgets = {"description": forms.TextInput()}

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community
        self.fields["sort_order"].required = False
        self.fields["sort_order"].help_text = _("Каналы с меньшим числом стоят в списке выше.")
        if self.instance.pk is None:
            del self.fields["is_archived"]
        if not community.is_open:
            self.fields["is_public"].disabled = True
            self.fields["is_public"].help_text = _(
                "Сообщество принимает участников по заявке: его каналы видят только участники."
            )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = self.community.channels.exclude(pk=self.instance.pk)
        # Compared in Python: SQLite folds the case of Latin letters only.
        if name.casefold() in {other.casefold() for other in others.values_list("name", flat=True)}:
            raise forms.ValidationError(_("Канал с таким названием в сообществе уже есть."))
        if not translit_slug(name):
            raise forms.ValidationError(_("Название должно содержать буквы или цифры."))
        return name

    def clean_sort_order(self):
        return self.cleaned_data.get("sort_order") or 0

    def save(self, commit=True):
        channel = super().save(commit=False)
        channel.community = self.community
        if not channel.slug:
            base = translit_slug(channel.name, max_length=70) or "kanal"
            slug, n = base, 2
            taken = set(self.community.channels.values_list("slug", flat=True))
            while slug in taken or slug in RESERVED_SLUGS:
                slug, n = f"{base}-{n}", n + 1
            channel.slug = slug
        if commit:
            channel.save()
        return channel


# Addresses the community page itself uses for its own views.
RESERVED_SLUGS = {"nastrojki"}
