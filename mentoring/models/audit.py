"""Every export of personal data is recorded: who, when, what (152-ФЗ asks us to know)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportLog(models.Model):
    # An audit trail, not content: kept out of Wagtail's "usage" of programmes.
    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто выгрузил"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("когда"), auto_now_add=True, db_index=True)
    what = models.CharField(_("что выгружено"), max_length=300)
    programme = models.ForeignKey(
        "mentoring.Programme",
        verbose_name=_("программа"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file_format = models.CharField(_("формат"), max_length=10)
    rows = models.PositiveIntegerField(_("строк с персональными данными"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("выгрузка персональных данных")
        verbose_name_plural = _("журнал выгрузок персональных данных")

    def __str__(self):
        return f"{self.created_at:%d.%m.%Y %H:%M} {self.user}: {self.what}"
