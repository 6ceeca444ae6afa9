"""Demo content of the events app: dates are counted from the day of the first load."""

import datetime

from django.utils import timezone

from events.models import EventFormat, EventIndexPage, EventPage, EventType
from portal.demo import ensure_child_page, translit_slug

EVENTS = [
    (
        "intensiv",
        "Образовательный интенсив «Наставник: первые шаги»",
        14,
        6,
        EventFormat.BLENDED,
        "Интенсив для педагогов, которые впервые становятся наставниками: роли, этапы программы, "
        "индивидуальный план развития молодого специалиста.",
    ),
    (
        "forum",
        "Форум молодых специалистов и их наставников",
        35,
        8,
        EventFormat.IN_PERSON,
        "Ежегодный форум: презентации результатов пар, диалоговые площадки, награждение победителей "
        "конкурса «Лучший наставник года».",
    ),
    (
        "festival",
        "Фестиваль открытых уроков молодых педагогов",
        60,
        5,
        EventFormat.IN_PERSON,
        "Молодые педагоги проводят открытые уроки, наставники и методисты дают обратную связь.",
    ),
]


def load(command, home):
    index, _created = ensure_child_page(
        home,
        EventIndexPage,
        "meropriyatiya",
        title="Мероприятия",
        intro="<p>Установочные сессии, интенсивы, семинары, фестивали и форумы сети наставников.</p>",
    )
    types = {event_type.slug: event_type for event_type in EventType.objects.all()}
    today = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    for type_slug, title, days_ahead, hours, event_format, summary in EVENTS:
        starts_at = today + datetime.timedelta(days=days_ahead)
        _page, created = ensure_child_page(
            index,
            EventPage,
            translit_slug(title),
            title=title,
            event_type=types[type_slug],
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=hours),
            format=event_format,
            summary=summary,
        )
        if created:
            command.created(f"мероприятие «{title}»")
