from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.taxonomy import Term
from practices import serializers
from practices.admin_forms import PracticePageAdminForm
from practices.blocks import PracticeStepsBlock

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


def initials(person):
    """«Смирнова Елена Викторовна» → «Смирнова Е. В.» (a mentor profile or a user)."""
    given = [name for name in (person.first_name, getattr(person, "middle_name", "")) if name]
    short = " ".join(f"{name[0]}." for name in given)
    return " ".join(part for part in (person.last_name, short) if part) or str(person)


class MentoringForm(Term):
    """Форма наставничества: the five forms of the national target model, plus group mentoring."""

    short_name = models.CharField(_("краткое название"), max_length=40, blank=True)

    panels = [*Term.panels, FieldPanel("short_name")]

    class Meta(Term.Meta):
        verbose_name = _("форма наставничества")
        verbose_name_plural = _("формы наставничества")


class EducationLevel(Term):
    """Уровень образования: ДОУ, НОО, ООО, СОО, СПО, ДО."""

    short_name = models.CharField(_("аббревиатура"), max_length=10, blank=True)

    panels = [*Term.panels, FieldPanel("short_name")]

    class Meta(Term.Meta):
        verbose_name = _("уровень образования")
        verbose_name_plural = _("уровни образования")


class Subject(Term):
    class Meta(Term.Meta):
        verbose_name = _("предметная область")
        verbose_name_plural = _("предметные области")


class Competency(Term):
    """A professional competency a practice develops (or a deficit it answers)."""

    class Meta(Term.Meta):
        verbose_name = _("компетенция")
        verbose_name_plural = _("компетенции")


class PracticeIndexPage(Page):
    """Банк наставнических практик: the filtered, sortable list of published practices.

    Creating it links the review workflow and grants the mentors' page
    permissions (practices.publishing.ensure_review_setup, via a signal).
    """

    intro = RichTextField(_("вступление"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("банк практик")
        verbose_name_plural = _("банки практик")

    def get_context(self, request, *args, **kwargs):
        from practices.bank import browse_bank

        context = super().get_context(request, *args, **kwargs)
        context.update(browse_bank(request))
        return context


class PracticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("метка практики")
        verbose_name_plural = _("метки практик")


class PracticePage(Page):
    """Наставническая практика: a method a mentor used, described so a colleague can repeat it."""

    summary = models.TextField(
        _("краткое описание"),
        max_length=600,
        help_text=_("Два-три предложения для карточки в банке практик: что это и кому поможет."),
    )
    problem = models.TextField(
        _("проблема или профессиональный дефицит"),
        max_length=2000,
        help_text=_("На какой запрос наставляемых отвечает практика."),
    )
    mentoring_form = models.ForeignKey(
        MentoringForm,
        verbose_name=_("форма наставничества"),
        on_delete=models.PROTECT,
        related_name="practices",
        null=True,
    )
    education_levels = ParentalManyToManyField(
        EducationLevel, verbose_name=_("уровни образования"), related_name="practices"
    )
    subjects = ParentalManyToManyField(
        Subject, verbose_name=_("предметные области"), related_name="practices", blank=True
    )
    competencies = ParentalManyToManyField(
        Competency, verbose_name=_("развиваемые компетенции"), related_name="practices", blank=True
    )
    participants = models.CharField(
        _("участники"),
        max_length=300,
        help_text=_("Кто и сколько: «молодые педагоги со стажем до 3 лет и 5 наставников»."),
    )
    duration = models.CharField(
        _("продолжительность"),
        max_length=200,
        help_text=_("Например: «учебный год, встречи раз в две недели»."),
    )
    steps = StreamField(PracticeStepsBlock(), verbose_name=_("шаги реализации"))
    results = RichTextField(_("результаты"), features=RICH_TEXT_FEATURES)
    evidence = RichTextField(
        _("подтверждение результативности"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Цифры, анкеты, отзывы, победы в конкурсах: чем доказан результат."),
    )
    organisation = models.ForeignKey(
        "mentoring.Organisation",
        verbose_name=_("организация"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    municipality = models.ForeignKey(
        "mentoring.Municipality",
        verbose_name=_("муниципалитет"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        help_text=_("Если не указан, берётся муниципалитет организации."),
    )
    tags = ClusterTaggableManager(
        through=PracticePageTag,
        verbose_name=_("метки"),
        blank=True,
        help_text=_("Ключевые слова через запятую: «молодой педагог», «адаптация»."),
    )
    recommended = models.BooleanField(
        _("рекомендована к тиражированию"),
        default=False,
        db_index=True,
        help_text=_(
            "Отметку ставит методист: практика рекомендована для конкурсов и распространения."
        ),
    )
    recommended_at = models.DateTimeField(
        _("дата рекомендации"), null=True, blank=True, editable=False
    )
    # Kept by practices.applications, outside revisions (see with_content_json).
    applications_count = models.PositiveIntegerField(
        _("применили в работе"), default=0, editable=False, db_index=True
    )

    base_form_class = PracticePageAdminForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("problem"),
        MultiFieldPanel(
            [
                FieldPanel("mentoring_form", widget=forms.Select),
                FieldPanel("education_levels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("subjects", widget=forms.CheckboxSelectMultiple),
                FieldPanel("competencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Классификация"),
        ),
        FieldRowPanel(
            [FieldPanel("participants"), FieldPanel("duration")],
            heading=_("Участники и сроки"),
        ),
        FieldPanel("steps"),
        InlinePanel("resources", heading=_("Ресурсы"), label=_("документ")),
        FieldPanel("results"),
        FieldPanel("evidence"),
        MultiFieldPanel(
            [
                InlinePanel("authors", heading=_("Авторы"), label=_("автор")),
                FieldPanel("organisation", widget=forms.Select),
                FieldPanel("municipality", widget=forms.Select),
            ],
            heading=_("Авторы и организация"),
        ),
        MultiFieldPanel(
            [FieldPanel("recommended", permission="practices.recommend_practice")],
            heading=_("Решение методиста"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("problem"),
        index.SearchField("participants"),
        index.SearchField("steps"),
        index.SearchField("results"),
        index.SearchField("evidence"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("competencies", [index.SearchField("name")]),
        index.FilterField("mentoring_form"),
        index.FilterField("municipality"),
        index.FilterField("recommended"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("problem"),
        APIField("mentoring_form", serializer=serializers.TermField()),
        APIField("education_levels", serializer=serializers.TermListField()),
        APIField("subjects", serializer=serializers.TermListField()),
        APIField("competencies", serializer=serializers.TermListField()),
        APIField("tags", serializer=serializers.TagListField()),
        APIField("participants"),
        APIField("duration"),
        APIField("steps"),
        APIField("resources", serializer=serializers.ResourceListField()),
        APIField("results"),
        APIField("evidence"),
        APIField("authors", serializer=serializers.AuthorListField()),
        APIField("organisation", serializer=serializers.OrganisationField()),
        APIField("municipality", serializer=serializers.MunicipalityField()),
        APIField("recommended"),
        APIField("applications_count"),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []
    # A copy is a new practice: it has not been recommended or applied yet.
    exclude_fields_in_copy = ["recommended", "recommended_at", "applications_count"]

    class Meta:
        verbose_name = _("наставническая практика")
        verbose_name_plural = _("наставнические практики")
        permissions = [
            ("recommend_practice", _("Может рекомендовать практику к тиражированию")),
        ]

    def save(self, *args, **kwargs):
        if self.municipality_id is None and self.organisation_id is not None:
            self.municipality_id = self.organisation.municipality_id
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """Restoring or publishing a revision keeps the live count of teachers who applied it."""
        obj = super().with_content_json(content)
        obj.applications_count = self.applications_count
        return obj

    def get_context(self, request, *args, **kwargs):
        from practices.bank import practice_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(practice_page_context(self, request))
        return context

    @property
    def author_names(self):
        """«Смирнова Е. В., Кузнецов А. П.» — for feeds, cards and print."""
        return ", ".join(initials(link.author) for link in self.authors.all())


class PracticeAuthor(Orderable):
    """A mentor profile credited as an author of a practice, in the order they are listed."""

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey(
        "mentoring.MentorProfile",
        verbose_name=_("наставник"),
        on_delete=models.CASCADE,
        related_name="practice_authorships",
    )

    panels = [FieldPanel("author", widget=forms.Select)]

    class Meta(Orderable.Meta):
        verbose_name = _("автор практики")
        verbose_name_plural = _("авторы практики")
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="unique_practice_author")
        ]

    def __str__(self):
        return str(self.author)


class PracticeResource(Orderable):
    """A document that goes with a practice: a template, a questionnaire, a presentation."""

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="resources")
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("документ"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("подпись"),
        max_length=255,
        blank=True,
        help_text=_("Если пусто, показывается название документа."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("ресурс практики")
        verbose_name_plural = _("ресурсы практики")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or self.document.title


class PracticeApplication(models.Model):
    """«Применил(а) в своей работе»: one teacher's mark that they used a practice, with a comment."""

    # Not content: a practice's "usage" in the admin should not list every teacher's mark.
    wagtail_reference_index_ignore = True

    practice = models.ForeignKey(
        PracticePage,
        verbose_name=_("практика"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("педагог"),
        on_delete=models.CASCADE,
        related_name="practice_applications",
    )
    comment = models.TextField(
        _("комментарий"),
        max_length=500,
        blank=True,
        help_text=_("Как прошло, что пришлось изменить — коротко, для коллег."),
    )
    created_at = models.DateTimeField(_("отмечено"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("применение практики")
        verbose_name_plural = _("применения практик")
        constraints = [
            models.UniqueConstraint(fields=["practice", "user"], name="one_application_per_user")
        ]

    def __str__(self):
        return f"{self.user} — {self.practice}"
