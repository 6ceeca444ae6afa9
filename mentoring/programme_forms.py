"""Forms of the programme: the mentee's request, pairing, the plan, diaries, surveys, results."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import EventPage
from mentoring.forms import OrganisationChoiceField
from mentoring.models import (
    Comment,
    DevelopmentPlan,
    DiaryEntry,
    InteractionFormat,
    MenteeRequest,
    PairResult,
    ProfessionalDeficit,
    QuestionKind,
    SelfAssessment,
    TaskStatus,
)
from mentoring.models.people import current_year
from practices.listings import published_practices
from practices.uploads import DocumentUploadField

# The youngest age at which a teaching career can start (a college graduate).
CAREER_START_AGE = 16


class MenteeRequestForm(forms.ModelForm):
    """Запрос на наставника. Consent to personal data processing is required, and recorded."""

    consent = forms.BooleanField(
        label=_(
            "Я согласен(на) на обработку моих персональных данных, указанных в запросе, "
            "для подбора наставника и сопровождения в программе наставничества"
        ),
        error_messages={
            "required": _("Без согласия на обработку персональных данных запрос сохранить нельзя.")
        },
    )

    class Meta:
        model = MenteeRequest
        fields = [
            "organisation",
            "position",
            "subject",
            "education_level",
            "deficits",
            "deficits_text",
            "preferred_form",
            "preferred_format",
            "age",
            "career_start_year",
        ]
        field_classes = {"organisation": OrganisationChoiceField}
        widgets = {
            "deficits": forms.CheckboxSelectMultiple,
            "preferred_format": forms.RadioSelect,
            "deficits_text": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
            "age": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "career_start_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "deficits": _("Отметьте одно–три главных: наставник поможет с ними в первую очередь."),
            "career_start_year": _("По нему считается, в первые ли три года вы работаете."),
        }
        error_messages = {
            "organisation": {"required": _("Выберите организацию, в которой вы работаете.")},
            "deficits": {"required": _("Отметьте хотя бы один дефицит, с которым нужна помощь.")},
            "preferred_format": {"required": _("Выберите удобный формат встреч.")},
            "career_start_year": {"required": _("Укажите год начала педагогической работы.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deficits"].queryset = ProfessionalDeficit.objects.order_by(
            "sort_order", "name"
        )
        for name in ("subject", "education_level", "preferred_form"):
            self.fields[name].queryset = self.fields[name].queryset.order_by("sort_order", "name")
            self.fields[name].empty_label = _("— не важно —")
        self.fields["preferred_format"].choices = InteractionFormat.choices

    def clean(self):
        cleaned = super().clean()
        age, start = cleaned.get("age"), cleaned.get("career_start_year")
        if age and start and start < current_year() - age + CAREER_START_AGE:
            self.add_error(
                "career_start_year",
                _("При возрасте %(age)s лет работа не могла начаться раньше %(year)s года.")
                % {"age": age, "year": current_year() - age + CAREER_START_AGE},
            )
        return cleaned

    def save(self, commit=True):
        request = super().save(commit=False)
        # Each saving of the form is a fresh consent: keep the time of the latest one.
        request.consent_at = timezone.now()
        if commit:
            request.save()
            self.save_m2m()
        return request


class PairingForm(forms.Form):
    """The curator forms a pair from a suggestion: the request, the mentor, and how."""

    PROPOSE, CONFIRM = "propose", "confirm"

    request = forms.ModelChoiceField(queryset=MenteeRequest.objects.none())
    mentor = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[(PROPOSE, _("Предложить пару")), (CONFIRM, _("Подтвердить пару"))],
        required=False,  # «Добавить в группу» sends none: the mentee is proposed into the group
    )
    group = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, programme, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = MenteeRequest.objects.filter(programme=programme)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Почему вы отказываетесь"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        help_text=_("Куратор учтёт причину, когда будет подбирать новую пару."),
        error_messages={"required": _("Напишите причину отказа.")},
    )


class PlanForm(forms.ModelForm):
    class Meta:
        model = DevelopmentPlan
        fields = ["problem", "expected_result"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "expected_result": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Новая цель"),
        max_length=300,
        error_messages={"required": _("Сформулируйте цель.")},
    )


class TaskForm(forms.Form):
    title = forms.CharField(
        label=_("Задача"), max_length=300, error_messages={"required": _("Опишите задачу.")}
    )
    due_on = forms.DateField(
        label=_("Срок"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Укажите срок."),
            "invalid": _("Введите дату в формате ДД.ММ.ГГГГ."),
        },
    )

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        programme = self.programme
        if programme and not (programme.starts_on <= due_on <= programme.ends_on):
            raise forms.ValidationError(
                _("Срок должен попадать в сроки программы: с %(start)s по %(end)s.")
                % {
                    "start": programme.starts_on.strftime("%d.%m.%Y"),
                    "end": programme.ends_on.strftime("%d.%m.%Y"),
                }
            )
        return due_on


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Статус"), choices=TaskStatus.choices)


class SelfAssessmentForm(forms.ModelForm):
    class Meta:
        model = SelfAssessment
        fields = ["achievements", "deficits"]
        widgets = {
            "achievements": forms.Textarea(attrs={"rows": 6, "maxlength": 3000}),
            "deficits": forms.Textarea(attrs={"rows": 6, "maxlength": 3000}),
        }
        help_texts = {
            "achievements": _("Что у вас уже получается: умения, удачные уроки, отзывы."),
            "deficits": _("Что пока даётся трудно и над чем хотите поработать."),
        }
        error_messages = {
            "achievements": {"required": _("Заполните «Мои достижения».")},
            "deficits": {"required": _("Заполните «Мои дефициты».")},
        }


class DiaryEntryForm(forms.ModelForm):
    class Meta:
        model = DiaryEntry
        fields = ["met_on", "format", "topic", "notes"]
        widgets = {
            "met_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
        }
        error_messages = {
            "met_on": {"required": _("Укажите дату встречи.")},
            "topic": {"required": _("Укажите тему встречи.")},
        }

    def clean_met_on(self):
        met_on = self.cleaned_data["met_on"]
        if met_on > timezone.localdate():
            raise forms.ValidationError(
                _("Дневник — о прошедших встречах: дата не может быть в будущем.")
            )
        return met_on


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}
        labels = {"text": _("Ваш комментарий")}
        error_messages = {"text": {"required": _("Комментарий пуст.")}}


class SurveyForm(forms.Form):
    """One field per question: 1–5 as radio buttons, free text as a text area."""

    SCALE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == QuestionKind.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=self.SCALE_CHOICES,
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=question.required,
                    help_text=_("1 — совсем нет, 5 — полностью да"),
                    error_messages={"required": _("Выберите оценку от 1 до 5.")},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=question.required,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
                    error_messages={"required": _("Ответьте на вопрос.")},
                )

    def answers(self):
        """[(question, score, text)] of the cleaned form."""
        result = []
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == QuestionKind.SCALE:
                result.append((question, value if value != "" else None, ""))
            else:
                result.append((question, None, value or ""))
        return result


class PairResultForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Ссылка"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Например, запись открытого урока или публикация."),
        error_messages={"invalid": _("Введите адрес целиком, начиная с https://")},
    )
    document_upload = DocumentUploadField(
        label=_("Документ (презентация, методическая разработка)")
    )

    class Meta:
        model = PairResult
        fields = ["summary", "practice", "event", "url"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6, "maxlength": 3000})}
        help_texts = {
            "practice": _("Практика пары, опубликованная в банке практик."),
            "event": _("Мероприятие, на котором пара представила итог."),
        }
        error_messages = {
            "summary": {"required": _("Опишите, чего достигла пара.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = published_practices().order_by("title")
        self.fields["event"].queryset = EventPage.objects.live().public().order_by("-starts_at")
        self.fields["practice"].empty_label = _("— нет —")
        self.fields["event"].empty_label = _("— нет —")
