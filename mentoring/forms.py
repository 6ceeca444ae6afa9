from django import forms
from django.conf import settings
from django.forms.models import ModelChoiceIterator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from mentoring.models import MentorProfile, Organisation
from mentoring.photos import accept_attribute, allowed_formats_label, clean_photo


class OrganisationsByMunicipality(ModelChoiceIterator):
    """Lazy choices grouped under each municipality's name (an <optgroup> per municipality)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups = {}
        for organisation in self.queryset:
            groups.setdefault(organisation.municipality.name, []).append(self.choice(organisation))
        yield from groups.items()


class OrganisationChoiceField(forms.ModelChoiceField):
    iterator = OrganisationsByMunicipality

    def __init__(self, *args, **kwargs):
        kwargs["queryset"] = Organisation.objects.select_related("municipality").order_by(
            "municipality__name", "short_name"
        )
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return obj.short_name


class MentorProfileForm(forms.ModelForm):
    """What a mentor edits about themselves on the site.

    Only these fields: the account link, the address of the profile and awards
    are the methodists' business, so a crafted POST cannot touch them.
    """

    photo_upload = forms.FileField(
        label=_("Новая фотография"),
        required=False,
        widget=forms.FileInput(attrs={"accept": accept_attribute()}),
    )
    remove_photo = forms.BooleanField(label=_("Убрать фотографию"), required=False)

    class Meta:
        model = MentorProfile
        fields = [
            "last_name",
            "first_name",
            "middle_name",
            "position",
            "organisation",
            "municipality",
            "teaching_since",
            "subjects",
            "competencies",
            "education_levels",
            "mentoring_forms",
            "story",
        ]
        field_classes = {"organisation": OrganisationChoiceField}
        widgets = {
            "subjects": forms.CheckboxSelectMultiple,
            "competencies": forms.CheckboxSelectMultiple,
            "education_levels": forms.CheckboxSelectMultiple,
            "mentoring_forms": forms.CheckboxSelectMultiple,
            "story": forms.Textarea(attrs={"rows": 8, "data-charcount": "2000"}),
            "teaching_since": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "organisation": _(
                "Нет вашей организации в списке? Напишите методисту: он добавит её в справочник."
            ),
            "municipality": _("Нужен, только если организация не выбрана."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo_upload"].help_text = _(
            "%(formats)s, не больше %(size)s. Лицо — в верхней части кадра: так фотография "
            "аккуратно обрежется на доске почёта. Данные о месте съёмки из файла удаляются."
        ) % {
            "formats": allowed_formats_label(),
            "size": filesizeformat(settings.MENTORING_PHOTO_MAX_UPLOAD_SIZE),
        }
        self.fields["municipality"].queryset = self.fields["municipality"].queryset.order_by("name")
        for name in ("subjects", "competencies", "education_levels", "mentoring_forms"):
            self.fields[name].queryset = self.fields[name].queryset.order_by("sort_order", "name")
        if not (self.instance and self.instance.photo_id):
            del self.fields["remove_photo"]

    def clean_photo_upload(self):
        """A checked upload becomes the cleaned photo (re-encoded, no metadata) right here,
        so that a file which only breaks while decoding is still answered in the form."""
        upload = self.cleaned_data.get("photo_upload")
        if not upload:
            return None
        return clean_photo(upload)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("remove_photo") and cleaned.get("photo_upload"):
            # A new photo replaces the old one anyway; ticking both is not a contradiction.
            cleaned["remove_photo"] = False
        if not cleaned.get("organisation") and not cleaned.get("municipality"):
            self.add_error(
                "municipality",
                _(
                    "Укажите организацию или хотя бы муниципалитет: по нему работает фильтр доски почёта."
                ),
            )
        return cleaned
