"""Communities: pages visitors read, and the records of membership and discussion.

A community (``CommunityPage``) is a Wagtail page; what changes every minute —
memberships, channels, messages, read marks, who is online — lives in plain
models beside it, so page revisions never carry or restore them.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index


class CommunityIndexPage(Page):
    intro = RichTextField(_("вступление"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["communities.CommunityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("каталог сообществ")
        verbose_name_plural = _("каталоги сообществ")

    def get_context(self, request, *args, **kwargs):
        from communities import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.community_index_context(request, self))
        return context


class MembershipPolicy(models.TextChoices):
    OPEN = "open", _("открытое: вступить может любой")
    BY_REQUEST = "by_request", _("по заявке: участников принимает модератор")


class CommunityPage(RoutablePageMixin, Page):
    """Неформальное профессиональное сообщество (онлайн-лаборатория, клуб)."""

    purpose = models.TextField(_("цель сообщества"), max_length=600)
    description = RichTextField(
        _("описание"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol", "h3"],
        help_text=_("Чем занимается сообщество, как часто встречается, кого ждёт."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("обложка"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    membership_policy = models.CharField(
        _("вступление"),
        max_length=20,
        choices=MembershipPolicy.choices,
        default=MembershipPolicy.OPEN,
        help_text=_(
            "В открытое сообщество вступают одним нажатием, и его открытые каналы читают гости "
            "портала. В сообщество по заявке участников принимает модератор, а читать каналы "
            "могут только участники."
        ),
    )
    # Kept up to date by communities.membership, so cards and sorting cost no count query.
    members_count = models.PositiveIntegerField(_("участников"), default=0, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("purpose"),
        FieldPanel("description"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("membership_policy")],
            heading=_("Участие"),
            help_text=_(
                "Модераторов и участников назначают в разделе «Сообщества → Участники» "
                "админки; каналы создают модераторы на странице сообщества."
            ),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("purpose"),
        index.SearchField("description"),
        index.FilterField("membership_policy"),
        index.FilterField("members_count"),
    ]
    api_fields = [
        APIField("purpose"),
        APIField("description"),
        APIField("membership_policy"),
        APIField("members_count"),
        APIField(
            "cover_image_thumbnail",
            serializer=ImageRenditionField("fill-640x360", source="cover_image"),
        ),
    ]

    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("сообщество")
        verbose_name_plural = _("сообщества")

    @property
    def is_open(self):
        return self.membership_policy == MembershipPolicy.OPEN

    def get_context(self, request, *args, **kwargs):
        from communities import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.community_page_context(request, self))
        return context

    def subpage_url(self, name, *args):
        """Address of one of this page's own views (a channel, the members list)."""
        return self.url + self.reverse_subpage(name, args=args)

    @path("kanal/<slug:channel_slug>/", name="channel")
    def channel(self, request, channel_slug):
        from communities import views

        return views.channel_page(request, self, channel_slug)

    @path("uchastniki/", name="members")
    def members(self, request):
        from communities import views

        return views.members_page(request, self)

    @path("novyj-kanal/", name="new_channel")
    def new_channel(self, request):
        from communities import views

        return views.channel_form_page(request, self)

    @path("kanal/<slug:channel_slug>/nastrojki/", name="edit_channel")
    def edit_channel(self, request, channel_slug):
        from communities import views

        return views.channel_form_page(request, self, channel_slug)


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("участник")
    MODERATOR = "moderator", _("модератор")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("заявка на рассмотрении")
    ACTIVE = "active", _("участник")
    DECLINED = "declined", _("заявка отклонена")
    REMOVED = "removed", _("исключён модератором")


class Membership(models.Model):
    """One person's place in one community: a request, a member or a moderator."""

    # Not content: a community page's "usage" in the admin should not list its members.
    wagtail_reference_index_ignore = True

    community = models.ForeignKey(
        CommunityPage,
        verbose_name=_("сообщество"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("пользователь"),
        on_delete=models.CASCADE,
        related_name="community_memberships",
    )
    role = models.CharField(
        _("роль"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(
        _("статус"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
    )
    note = models.CharField(
        _("сопроводительное письмо"),
        max_length=500,
        blank=True,
        help_text=_("Что человек написал, прося принять его в сообщество."),
    )
    muted_until = models.DateTimeField(
        _("не может писать до"),
        null=True,
        blank=True,
        help_text=_("Модератор временно ограничил отправку сообщений."),
    )
    requested_at = models.DateTimeField(_("дата заявки"), default=timezone.now)
    joined_at = models.DateTimeField(_("дата вступления"), null=True, blank=True)
    decided_at = models.DateTimeField(_("дата решения"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("решение принял"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("community"),
        FieldPanel("user"),
        FieldPanel("role"),
        FieldPanel("status"),
        FieldPanel("note"),
        FieldPanel("muted_until"),
    ]

    class Meta:
        verbose_name = _("участие в сообществе")
        verbose_name_plural = _("участники сообществ")
        ordering = ["community", "-role", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="unique_membership")
        ]
        indexes = [models.Index(fields=["user", "status"], name="membership_user_status")]

    def __str__(self):
        return f"{self.user} — {self.community}"

    @property
    def is_active(self):
        return self.status == MembershipStatus.ACTIVE

    @property
    def is_moderator(self):
        return self.is_active and self.role == MembershipRole.MODERATOR

    @property
    def is_muted(self):
        return self.muted_until is not None and self.muted_until > timezone.now()


class Channel(models.Model):
    """A topic of discussion inside a community («Общий», «Интенсивы» ...)."""

    community = models.ForeignKey(
        CommunityPage,
        verbose_name=_("сообщество"),
        on_delete=models.CASCADE,
        related_name="channels",
    )
    name = models.CharField(_("название"), max_length=120)
    slug = models.SlugField(_("адрес"), max_length=80, allow_unicode=False)
    description = models.CharField(_("о чём канал"), max_length=300, blank=True)
    is_public = models.BooleanField(
        _("открыт для гостей"),
        default=True,
        help_text=_(
            "Открытые каналы открытого сообщества читают все посетители портала; писать могут "
            "только участники. Закрытые каналы видят только участники."
        ),
    )
    is_archived = models.BooleanField(
        _("в архиве"), default=False, help_text=_("Историю можно читать, писать нельзя.")
    )
    sort_order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("создал"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("создан"), default=timezone.now)

    panels = [
        FieldPanel("community"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("is_public"),
        FieldPanel("is_archived"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("канал")
        verbose_name_plural = _("каналы")
        ordering = ["community", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "slug"], name="unique_channel_slug")
        ]

    def __str__(self):
        return f"{self.community.title}: {self.name}"

    def get_absolute_url(self):
        return self.community.subpage_url("channel", self.slug)

    @property
    def group_name(self):
        """Name of the channel-layer group every open channel page listens to."""
        return f"community-channel-{self.pk}"


class Message(models.Model):
    """A message in a channel. Plain text: it is escaped wherever it is shown."""

    # Written many times a minute; Wagtail's "usage" of a channel need not list them.
    wagtail_reference_index_ignore = True

    channel = models.ForeignKey(
        Channel, verbose_name=_("канал"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("автор"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="community_messages",
    )
    text = models.TextField(_("текст"), blank=True)
    reply_to = models.ForeignKey(
        "self",
        verbose_name=_("ответ на"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
    )
    created_at = models.DateTimeField(_("отправлено"), default=timezone.now)
    # Any change (edit, deletion, pin) moves updated_at, so a reconnecting page
    # can ask for «what changed since» as well as «what is new».
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)
    edited_at = models.DateTimeField(_("отредактировано"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("удалено"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("удалил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_pinned = models.BooleanField(_("закреплено"), default=False)
    pinned_at = models.DateTimeField(_("закреплено когда"), null=True, blank=True)
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("закрепил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mentioned_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("упомянутые участники"),
        through="Mention",
        related_name="+",
        blank=True,
    )

    class Meta:
        verbose_name = _("сообщение")
        verbose_name_plural = _("сообщения")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["channel", "id"], name="message_channel_id"),
            models.Index(fields=["channel", "updated_at"], name="message_channel_updated"),
            models.Index(fields=["author", "created_at"], name="message_author_created"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.excerpt}"

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def excerpt(self):
        if self.is_deleted:
            return str(_("Сообщение удалено"))
        text = " ".join(self.text.split())
        return text if len(text) <= 120 else text[:119] + "…"

    @property
    def editable_until(self):
        return self.created_at + timedelta(minutes=settings.COMMUNITIES_EDIT_WINDOW_MINUTES)


class Mention(models.Model):
    """A member named with @username in a message: the notice they get."""

    message = models.ForeignKey(
        Message, verbose_name=_("сообщение"), on_delete=models.CASCADE, related_name="mentions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кого упомянули"),
        on_delete=models.CASCADE,
        related_name="community_mentions",
    )
    created_at = models.DateTimeField(_("когда"), default=timezone.now)
    seen_at = models.DateTimeField(_("прочитано"), null=True, blank=True)

    class Meta:
        verbose_name = _("упоминание")
        verbose_name_plural = _("упоминания")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["message", "user"], name="unique_mention")]
        indexes = [models.Index(fields=["user", "seen_at"], name="mention_user_seen")]

    def __str__(self):
        return f"@{self.user} в #{self.message_id}"


class ChannelReadState(models.Model):
    """How far a member has read a channel: the last message id they saw."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="read_states")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="channel_read_states"
    )
    last_read_message_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("отметка о прочтении")
        verbose_name_plural = _("отметки о прочтении")
        constraints = [
            models.UniqueConstraint(fields=["channel", "user"], name="unique_read_state")
        ]

    def __str__(self):
        return f"{self.user} → {self.channel_id}: {self.last_read_message_id}"


class ChannelPresence(models.Model):
    """One open WebSocket connection to a channel page: who is online right now.

    Kept in the database rather than in one process's memory, so every ASGI
    worker sees the same list; a heartbeat refreshes ``last_seen_at`` and rows of
    connections that died without a goodbye simply age out.
    """

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    connection = models.CharField(max_length=200, unique=True)
    connected_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("присутствие в канале")
        verbose_name_plural = _("присутствие в каналах")
        indexes = [models.Index(fields=["channel", "last_seen_at"], name="presence_channel_seen")]

    def __str__(self):
        return f"{self.user} в {self.channel_id}"
