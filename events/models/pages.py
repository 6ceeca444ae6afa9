import datetime
from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from events.blocks import AgendaBlock, MaterialsBlock
from events.models.registrations import RegistrationStatus
from events.models.snippets import EventType
from events.panels import ParticipantsSummaryPanel
from home.blocks import BodyStreamBlock


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("очно")
    ONLINE = "online", _("онлайн")
    BLENDED = "blended", _("смешанный")


def _registrations_count(status):
    """A correlated count, so it never multiplies rows with other joins (speakers, filters)."""
    from events.models.registrations import Registration

    counts = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=models.IntegerField()), 0)


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet (ongoing ones included), soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def overlapping(self, start, end):
        """Events that take place, at least partly, in ``[start, end)``."""
        return self.filter(starts_at__lt=end, ends_at__gte=start)

    def with_seat_counts(self):
        return self.annotate(
            confirmed_count=_registrations_count(RegistrationStatus.CONFIRMED),
            waitlist_count=_registrations_count(RegistrationStatus.WAITLISTED),
        )

    def for_listing(self):
        return self.select_related("event_type").with_seat_counts()


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventIndexPage(RoutablePageMixin, Page):
    """«Мероприятия»: upcoming events with filters, a month calendar and the archive."""

    intro = RichTextField(_("вступление"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("календарь мероприятий")
        verbose_name_plural = _("календари мероприятий")

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    @path("", name="upcoming")
    def upcoming_view(self, request):
        from events.views import listing

        return listing.upcoming(self, request)

    @path("kalendar/", name="calendar")
    def calendar_view(self, request):
        from events.views import listing

        return listing.month_calendar(self, request)

    @path("arhiv/", name="archive")
    def archive_view(self, request):
        from events.views import listing

        return listing.archive(self, request)

    def route_url(self, name, request=None):
        base = self.get_url(request) or self.url or "/"
        return base.rstrip("/") + self.reverse_subpage(name)


class EventRelatedPractice(Orderable):
    """A practice from the bank that the event is about or builds on."""

    event = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="related_practices"
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("практика"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("practice", page_type="practices.PracticePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("связанная практика")
        verbose_name_plural = _("связанные практики")
        constraints = [
            models.UniqueConstraint(fields=["event", "practice"], name="unique_event_practice")
        ]


class EventPage(Page):
    """Мероприятие: when and where, who it is for, the programme, registration, materials."""

    event_type = models.ForeignKey(
        EventType, verbose_name=_("вид"), on_delete=models.PROTECT, related_name="events"
    )
    starts_at = models.DateTimeField(_("начало"), help_text=_("Время московское."))
    ends_at = models.DateTimeField(_("окончание"), help_text=_("Время московское."))
    format = models.CharField(
        _("формат"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    summary = models.TextField(_("кратко о мероприятии"), max_length=600)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("обложка"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(
        _("для кого"),
        max_length=300,
        blank=True,
        help_text=_("Например: «молодые педагоги со стажем до 3 лет и их наставники»."),
    )
    description = StreamField(BodyStreamBlock(), verbose_name=_("подробно"), blank=True)

    venue = models.CharField(
        _("место проведения"),
        max_length=255,
        blank=True,
        help_text=_("Видно всем: «ИМЦ Московского района», «Гимназия № 524»."),
    )
    address = models.CharField(
        _("точный адрес"),
        max_length=255,
        blank=True,
        help_text=_("Улица, дом, аудитория. Видят только записавшиеся участники."),
    )
    online_url = models.URLField(
        _("ссылка для подключения"),
        blank=True,
        help_text=_("Видят только записавшиеся участники."),
    )
    online_details = models.TextField(
        _("как подключиться"),
        blank=True,
        max_length=1000,
        help_text=_("Идентификатор и код доступа, что подготовить. Видят только участники."),
    )

    organiser = models.ForeignKey(
        "mentoring.MentorProfile",
        verbose_name=_("ответственный организатор"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    organising_body = models.ForeignKey(
        "mentoring.Organisation",
        verbose_name=_("организация-организатор"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    contact_email = models.EmailField(_("почта для вопросов"), blank=True)

    registration_enabled = models.BooleanField(
        _("запись через портал"),
        default=True,
        help_text=_("Снимите отметку, если запись не нужна или ведётся иначе."),
    )
    capacity = models.PositiveIntegerField(
        _("число мест"),
        null=True,
        blank=True,
        help_text=_(
            "Пусто — без ограничения. Если увеличить число мест, люди из листа ожидания "
            "получат места автоматически при публикации."
        ),
    )
    registration_opens_at = models.DateTimeField(
        _("запись открывается"),
        null=True,
        blank=True,
        help_text=_("Пусто — сразу после публикации."),
    )
    registration_closes_at = models.DateTimeField(
        _("запись закрывается"),
        null=True,
        blank=True,
        help_text=_("Пусто — в момент начала мероприятия. Не позже начала."),
    )
    waiting_list_enabled = models.BooleanField(
        _("лист ожидания"),
        default=True,
        help_text=_("Когда места закончатся, записывать в лист ожидания."),
    )

    agenda = StreamField(AgendaBlock(), verbose_name=_("программа"), blank=True)
    community = models.ForeignKey(
        "communities.CommunityPage",
        verbose_name=_("сообщество"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Сообщество или онлайн-лаборатория, которая проводит мероприятие."),
    )
    # Kept in step with the agenda on every save (see ``save``): the mentors who speak.
    speakers = ParentalManyToManyField(
        "mentoring.MentorProfile", blank=True, related_name="events_as_speaker", editable=False
    )

    results = RichTextField(
        _("итоги"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("После мероприятия: что получилось, решения, кого наградили."),
    )
    materials = StreamField(MaterialsBlock(), verbose_name=_("материалы"), blank=True)

    objects = EventPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("event_type"),
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("image"),
        FieldPanel("description"),
    ]
    place_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("format"),
            ],
            heading=_("Когда"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("address")],
            heading=_("Где (очно)"),
        ),
        MultiFieldPanel(
            [FieldPanel("online_url"), FieldPanel("online_details")],
            heading=_("Подключение (онлайн)"),
        ),
        MultiFieldPanel(
            [FieldPanel("organiser"), FieldPanel("organising_body"), FieldPanel("contact_email")],
            heading=_("Организатор"),
        ),
    ]
    registration_panels = [
        ParticipantsSummaryPanel(heading=_("Участники")),
        FieldPanel("registration_enabled"),
        FieldPanel("capacity"),
        FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
        FieldPanel("waiting_list_enabled"),
    ]
    programme_panels = [
        FieldPanel("agenda"),
        FieldPanel("community"),
        InlinePanel("related_practices", label=_("Связанные практики")),
    ]
    materials_panels = [FieldPanel("results"), FieldPanel("materials")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Содержание")),
            ObjectList(place_panels, heading=_("Время и место")),
            ObjectList(registration_panels, heading=_("Запись")),
            ObjectList(programme_panels, heading=_("Программа")),
            ObjectList(materials_panels, heading=_("Материалы")),
            ObjectList(Page.promote_panels, heading=_("Продвижение")),
            ObjectList(Page.settings_panels, heading=_("Настройки")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("description"),
        index.SearchField("agenda"),
        index.SearchField("venue"),
        index.SearchField("results"),
        index.RelatedFields("event_type", [index.SearchField("name")]),
        index.FilterField("event_type"),
        index.FilterField("format"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
    ]
    # Public fields only: the address and the online link are for participants.
    api_fields = [
        APIField("event_type_name"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("format"),
        APIField("summary"),
        APIField("audience"),
        APIField("venue"),
        APIField("capacity"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("мероприятие")
        verbose_name_plural = _("мероприятия")
        indexes = [models.Index(fields=["starts_at", "ends_at"], name="event_dates_idx")]

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "agenda" in update_fields:
            # Model instances, not ids: modelcluster keeps them in memory and commits them
            # with the page (ids would be written at once, bypassing drafts).
            self.speakers = self.agenda_speakers()
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, "speakers"]
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Окончание должно быть позже начала.")
        closes = self.registration_closes_at
        if closes and self.starts_at and closes > self.starts_at:
            errors["registration_closes_at"] = _(
                "Запись не может закрываться позже начала мероприятия."
            )
        opens = self.registration_opens_at
        if opens and closes and opens >= closes:
            errors["registration_opens_at"] = _(
                "Запись должна открываться раньше, чем закрывается."
            )
        elif opens and self.starts_at and opens >= self.starts_at:
            errors["registration_opens_at"] = _(
                "Запись должна открываться раньше начала мероприятия."
            )
        if self.capacity == 0:
            errors["capacity"] = _("Укажите хотя бы одно место или оставьте поле пустым.")
        if self.format in (EventFormat.IN_PERSON, EventFormat.BLENDED) and not self.venue.strip():
            errors["venue"] = _("Для очного и смешанного формата укажите место проведения.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from events.permissions import can_manage_participants
        from events.registration import registration_state

        context = super().get_context(request, *args, **kwargs)
        state = registration_state(self, request.user)
        is_organiser = can_manage_participants(request.user, self)
        context["registration"] = state
        context["is_organiser"] = is_organiser
        context["shows_private_details"] = state.is_confirmed or is_organiser
        context["agenda_days"] = self.agenda_days()
        context["related_practice_pages"] = self.visible_related_practices()
        context["visible_community"] = (
            self.community if self.community_id and self.community.live else None
        )
        return context

    # --- time ---

    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at)

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at)

    @property
    def is_single_day(self):
        return self.local_starts_at.date() == self.local_ends_at.date()

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.starts_at

    def is_over(self, now=None):
        return (now or timezone.now()) > self.ends_at

    def is_ongoing(self, now=None):
        return self.has_started(now) and not self.is_over(now)

    # --- registration ---

    @property
    def registration_closes(self):
        """When registration stops: the set moment or, by default, the start of the event."""
        return self.registration_closes_at or self.starts_at

    @cached_property
    def seat_counts(self):
        """(confirmed, waitlisted): from the listing annotation when present, else one query."""
        if hasattr(self, "confirmed_count"):
            return self.confirmed_count, self.waitlist_count
        if self.pk is None:  # a preview of an event not saved yet
            return 0, 0
        counts = dict(
            self.registrations.filter(
                status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
            )
            .order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        return (
            counts.get(RegistrationStatus.CONFIRMED, 0),
            counts.get(RegistrationStatus.WAITLISTED, 0),
        )

    @property
    def seats_taken(self):
        return self.seat_counts[0]

    @property
    def waitlist_length(self):
        return self.seat_counts[1]

    @property
    def seats_left(self):
        """Free places, or None when the event has no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self):
        return self.capacity is not None and self.seats_taken >= self.capacity

    # --- programme and materials ---

    @property
    def event_type_name(self):
        return self.event_type.name

    @property
    def is_online(self):
        return self.format == EventFormat.ONLINE

    @property
    def has_place(self):
        return self.format in (EventFormat.IN_PERSON, EventFormat.BLENDED)

    @property
    def has_online_part(self):
        return self.format in (EventFormat.ONLINE, EventFormat.BLENDED)

    @property
    def has_materials(self):
        return bool(self.materials) or bool(self.results)

    def agenda_speakers(self):
        """The mentor profiles chosen as speakers in the agenda, each once, in order."""
        profiles = {}
        for block in self.agenda:
            if block.block_type != "session":
                continue
            for speaker in block.value["speakers"]:
                profile = speaker.get("profile")
                if profile is not None:
                    profiles.setdefault(profile.pk, profile)
        return list(profiles.values())

    def agenda_days(self):
        """The programme grouped by day: [(date, [session, ...]), ...] in time order."""
        first_day = self.local_starts_at.date() if self.starts_at else datetime.date.today()
        sessions = [
            block.value
            for block in self.agenda
            if block.block_type == "session" and block.value.get("starts")
        ]
        sessions.sort(key=lambda value: (value.get("day") or first_day, value["starts"]))
        return [
            (day, list(items))
            for day, items in groupby(sessions, key=lambda value: value.get("day") or first_day)
        ]

    def visible_related_practices(self):
        from practices.models import PracticePage

        ids = [link.practice_id for link in self.related_practices.all()]
        if not ids:
            return []
        pages = PracticePage.objects.live().public().in_bulk(ids)
        return [pages[pk] for pk in ids if pk in pages]
