from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField


class User(AbstractUser):
    """A person with an account: a teacher, a mentor, a methodist.

    Russian names carry a patronymic; ``get_full_name`` gives «Фамилия Имя Отчество».
    """

    middle_name = models.CharField(_("отчество"), max_length=150, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        parts = [self.last_name, self.first_name, self.middle_name]
        return " ".join(part for part in parts if part).strip()

    def get_short_name(self):
        return " ".join(part for part in [self.first_name, self.last_name] if part) or self.username


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """What the footer of every page says: who runs the portal and how to reach them."""

    organisation = models.CharField(
        _("организация-оператор"),
        max_length=255,
        blank=True,
        help_text=_("Например: «ИМЦ Московского района Санкт-Петербурга»"),
    )
    about = RichTextField(_("о портале"), blank=True, features=["bold", "italic", "link"])
    address = models.CharField(_("адрес"), max_length=255, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    phone = models.CharField(_("телефон"), max_length=50, blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("страница о персональных данных"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("about")], heading=_("Организация")
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Контакты"),
        ),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("подвал сайта")
