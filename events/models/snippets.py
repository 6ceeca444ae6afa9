from django.utils.translation import gettext_lazy as _

from portal.taxonomy import Term


class EventType(Term):
    """Вид мероприятия: установочная сессия, интенсив, семинар, форум, фестиваль ..."""

    class Meta(Term.Meta):
        verbose_name = _("вид мероприятия")
        verbose_name_plural = _("виды мероприятий")
