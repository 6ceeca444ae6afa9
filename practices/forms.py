"""Forms of the practice bank on the site: «Предложить практику» and «Применил(а) в своей работе»."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from taggit.utils import parse_tags

from mentoring.models import MentorProfile, Organisation
from practices.models import Competency, EducationLevel, MentoringForm, PracticeApplication, Subject
from practices.uploads import DocumentUploadField, ImageUploadField, MultipleDocumentField

MAX_STEPS = 8
MAX_TAGS = 10
MAX_TAG_LENGTH = 50
MAX_RESOURCES = 5


class TermCheckboxes(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class PracticeProposalForm(forms.Form):
    """Everything a practice says, in plain fields a mentor fills without learning the admin."""

    title = forms.CharField(
        label=_("Название практики"),
        max_length=255,
        help_text=_("Коротко и по существу: «Школа молодого педагога: первый год без выгорания»."),
    )
    summary = forms.CharField(
        label=_("Кратко о практике"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Два-три предложения для карточки в банке: что это и кому поможет. До 600 знаков."
        ),
    )
    problem = forms.CharField(
        label=_("Какую проблему или профессиональный дефицит решает"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    mentoring_form = forms.ModelChoiceField(
        label=_("Форма наставничества"),
        queryset=MentoringForm.objects.all(),
        empty_label=_("— выберите форму —"),
    )
    education_levels = TermCheckboxes(
        label=_("Уровни образования"), queryset=EducationLevel.objects.all()
    )
    subjects = TermCheckboxes(
        label=_("Предметные области"), queryset=Subject.objects.all(), required=False
    )
    competencies = TermCheckboxes(
        label=_("Какие компетенции развивает"), queryset=Competency.objects.all()
    )
    participants = forms.CharField(
        label=_("Участники"),
        max_length=300,
        help_text=_("Кто и сколько: «4 молодых педагога и 2 наставника»."),
    )
    duration = forms.CharField(
        label=_("Продолжительность"),
        max_length=200,
        help_text=_("Например: «учебный год, встречи раз в две недели»."),
    )
    results = forms.CharField(
        label=_("Результаты"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Что изменилось у наставляемых. Пустая строка начинает новый абзац."),
    )
    evidence = forms.CharField(
        label=_("Чем подтверждены результаты"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Цифры, анкеты, отзывы, победы в конкурсах."),
    )
    tags = forms.CharField(
        label=_("Метки"),
        required=False,
        max_length=600,
        help_text=_(
            "Через запятую, до 10 меток: «молодой педагог, адаптация, дневник наставника»."
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Организация"),
        queryset=Organisation.objects.select_related("municipality").order_by("short_name"),
        required=False,
        empty_label=_("— не указана —"),
    )
    co_authors = forms.ModelMultipleChoiceField(
        label=_("Соавторы"),
        queryset=MentorProfile.objects.order_by("last_name", "first_name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Наставники, с которыми вы вели практику; выбор нескольких — с клавишей Ctrl."),
    )
    resources = MultipleDocumentField(
        label=_("Материалы к практике"),
        max_files=MAX_RESOURCES,
        help_text=_("Шаблоны, анкеты, презентации: до 5 файлов."),
    )
    consent = forms.BooleanField(
        label=_(
            "Я автор (соавтор) практики; материалы можно опубликовать на портале, на фотографиях нет "
            "детей без согласия родителей"
        ),
    )

    remove_resources = forms.TypedMultipleChoiceField(
        label=_("Убрать материалы"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, profile=None, resources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        if resources:
            # Editing: the documents already attached may be removed one by one.
            self.fields["remove_resources"].choices = [
                (resource.document_id, resource.display_title) for resource in resources
            ]
        else:
            del self.fields["remove_resources"]
        if profile is not None:
            self.fields["co_authors"].queryset = self.fields["co_authors"].queryset.exclude(
                pk=profile.pk
            )
        self.fields["resources"].help_text = _(
            "Шаблоны, анкеты, презентации: до %(count)s файлов (%(formats)s), каждый до %(size)s."
        ) % {
            "count": MAX_RESOURCES,
            "formats": ", ".join(ext.upper() for ext in _document_extensions()),
            "size": _document_size_text(),
        }

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_tags(self):
        names = [" ".join(name.split()).lower() for name in parse_tags(self.cleaned_data["tags"])]
        names = list(dict.fromkeys(name for name in names if name))
        if len(names) > MAX_TAGS:
            raise ValidationError(
                _("Меток слишком много (%(count)s); оставьте не больше %(limit)s."),
                params={"count": len(names), "limit": MAX_TAGS},
            )
        too_long = [name for name in names if len(name) > MAX_TAG_LENGTH]
        if too_long:
            raise ValidationError(
                _("Метка «%(name)s» длиннее %(limit)s знаков."),
                params={"name": too_long[0][:MAX_TAG_LENGTH] + "…", "limit": MAX_TAG_LENGTH},
            )
        return names


def _document_extensions():
    from practices.uploads import allowed_document_extensions

    return allowed_document_extensions()


def _document_size_text():
    from django.conf import settings
    from django.template.defaultfilters import filesizeformat

    return filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)


class StepForm(forms.Form):
    """One step; on editing, the hidden ids keep the illustration and documents already attached."""

    title = forms.CharField(label=_("Название шага"), max_length=200)
    period = forms.CharField(
        label=_("Сроки"),
        max_length=100,
        required=False,
        help_text=_("Например: «сентябрь», «2 недели»."),
    )
    text = forms.CharField(
        label=_("Что делают наставник и наставляемый"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    image = ImageUploadField(label=_("Иллюстрация"))
    image_alt = forms.CharField(
        label=_("Что на иллюстрации (для незрячих)"),
        max_length=250,
        required=False,
    )
    document = DocumentUploadField(label=_("Документ к шагу"))
    kept_image = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kept_documents = forms.CharField(required=False, widget=forms.HiddenInput)
    remove_files = forms.BooleanField(label=_("Убрать прикреплённые файлы"), required=False)

    def __init__(self, *args, allowed_image_ids=(), allowed_document_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_image_ids = set(allowed_image_ids)
        self.allowed_document_ids = set(allowed_document_ids)

    def clean_kept_image(self):
        image_id = self.cleaned_data.get("kept_image")
        # Only files already attached to this practice may be kept, never someone else's.
        return image_id if image_id in self.allowed_image_ids else None

    def clean_kept_documents(self):
        ids = []
        for part in (self.cleaned_data.get("kept_documents") or "").split(","):
            if part.strip().isdigit() and int(part) in self.allowed_document_ids:
                ids.append(int(part))
        return ids

    def clean(self):
        cleaned_data = super().clean()
        has_image = cleaned_data.get("image") or (
            cleaned_data.get("kept_image") and not cleaned_data.get("remove_files")
        )
        if has_image and not cleaned_data.get("image_alt", "").strip():
            self.add_error(
                "image_alt",
                _("Опишите иллюстрацию в двух-трёх словах: это прочитает экранный диктор."),
            )
        return cleaned_data

    @property
    def kept_image_title(self):
        return self.initial.get("kept_image_title", "")

    @property
    def kept_document_titles(self):
        return self.initial.get("kept_document_titles", [])


class BaseStepFormSet(forms.BaseFormSet):
    def __init__(self, *args, allowed_image_ids=(), allowed_document_ids=(), **kwargs):
        self.allowed_image_ids = allowed_image_ids
        self.allowed_document_ids = allowed_document_ids
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["allowed_image_ids"] = self.allowed_image_ids
        kwargs["allowed_document_ids"] = self.allowed_document_ids
        return kwargs

    def filled_forms(self):
        """The steps to save, in order: existing ones and filled new ones, unless marked for removal."""
        initial_count = self.initial_form_count()
        return [
            form
            for number, form in enumerate(self.forms)
            if (number < initial_count or form.has_changed())
            and form.cleaned_data
            and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        if not any(form.errors for form in self.forms) and not self.filled_forms():
            raise ValidationError(
                _("Опишите хотя бы один шаг: что делают наставник и наставляемый."), code="no_steps"
            )


def step_formset_class(initial_count=0):
    """Room for MAX_STEPS steps; the script shows empty ones one by one («Добавить шаг»)."""
    return formset_factory(
        StepForm,
        formset=BaseStepFormSet,
        extra=max(MAX_STEPS - initial_count, 0),
        max_num=MAX_STEPS,
        validate_max=True,
        can_delete=True,
    )


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = PracticeApplication
        fields = ["comment"]
        labels = {"comment": _("Комментарий для коллег (необязательно)")}
        widgets = {"comment": forms.Textarea(attrs={"rows": 3, "maxlength": 500})}
