"""Demo content of the events app: a year of a district mentoring programme's calendar.

Upcoming and past events of every seeded type, taken from the programme documents
(установочная сессия, интенсив, семинар, мастер-класс, круглый стол, фестиваль открытых
уроков, аукцион педагогических идей, конкурс, форум молодых специалистов и их
наставников), with agendas, registrations, a full master class with a waiting list, and
results and materials for the past ones.

Dates are counted from the day of the first load. Idempotent: pages are found by slug,
people by username, registrations by (event, person), files by title.
"""

import datetime
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from events.models import (
    EventFormat,
    EventIndexPage,
    EventPage,
    EventType,
    Registration,
    RegistrationStatus,
)
from events.permissions import grant_page_permissions
from portal.demo import ensure_child_page, translit_slug
from portal.roles import MENTOR, METHODIST, TEACHER

PASSWORD = "demo12345"  # noqa: S105 - the documented password of demo accounts

# username, last name, first name, patronymic, role, organisation, position
PEOPLE = [
    ("metodist", "Волкова", "Мария", "Андреевна", METHODIST, "ИМЦ Московского района", "методист"),
    (
        "nastavnik1",
        "Смирнова",
        "Елена",
        "Викторовна",
        MENTOR,
        "ГБОУ СОШ № 373 «Экономическая школа»",
        "учитель русского языка и литературы",
    ),
    (
        "pedagog1",
        "Орлова",
        "Анна",
        "Дмитриевна",
        TEACHER,
        "ГБОУ СОШ № 373 «Экономическая школа»",
        "учитель русского языка",
    ),
    (
        "pedagog2",
        "Соколов",
        "Илья",
        "Романович",
        TEACHER,
        "ГБОУ гимназия № 524",
        "учитель математики",
    ),
    ("pedagog3", "Лебедева", "Дарья", "Олеговна", TEACHER, "ГБДОУ детский сад № 41", "воспитатель"),
    (
        "pedagog4",
        "Новикова",
        "Екатерина",
        "Сергеевна",
        TEACHER,
        "МОУ «Средняя общеобразовательная школа № 2»",
        "учитель начальных классов",
    ),
    (
        "pedagog5",
        "Фёдоров",
        "Максим",
        "Игоревич",
        TEACHER,
        "ГБПОУ «Колледж информационных технологий»",
        "преподаватель",
    ),
    (
        "pedagog6",
        "Козлова",
        "Полина",
        "Андреевна",
        TEACHER,
        "ГБОУ СОШ № 373 «Экономическая школа»",
        "учитель английского языка",
    ),
    (
        "pedagog7",
        "Григорьева",
        "Валерия",
        "Павловна",
        TEACHER,
        "ГБОУ гимназия № 524",
        "учитель биологии",
    ),
    (
        "pedagog8",
        "Павлов",
        "Артём",
        "Денисович",
        TEACHER,
        "МОУ «Средняя общеобразовательная школа № 2»",
        "учитель физической культуры",
    ),
    (
        "pedagog9",
        "Васильева",
        "Софья",
        "Михайловна",
        TEACHER,
        "ГБОУ СОШ № 373 «Экономическая школа»",
        "педагог-психолог",
    ),
]

IMC = "ИМЦ Московского района"
IMC_ADDRESS = "196105, Санкт-Петербург, ул. Примерная, д. 1, актовый зал"
ONLINE = "https://konferencii.example.org/imc-moskovskij/"


def session(starts, ends, title, kind="talk", speakers=(), room="", description="", day=None):
    """One agenda item in the StreamField's JSON form; speakers are (profile key | name, role)."""
    return {
        "type": "session",
        "value": {
            "day": day.isoformat() if day else None,
            "starts": starts + ":00",
            "ends": (ends + ":00") if ends else None,
            "kind": kind,
            "title": title,
            "description": description,
            "room": room,
            "speakers": list(speakers),
        },
    }


def speaker(profiles, key, role=""):
    """A mentor from the mentoring demo if present, else the same person typed by name."""
    profile = profiles.get(key)
    if profile is not None:
        return {"profile": profile.pk, "name": "", "role": role}
    return {"profile": None, "name": key, "role": role}


def _at(day_offset, hhmm, today):
    hours, minutes = (int(part) for part in hhmm.split(":"))
    day = today + datetime.timedelta(days=day_offset)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hours, minutes)))


def upcoming_events(p, today):
    """Upcoming events; ``p`` maps a mentor's «Фамилия Имя Отчество» to a profile."""
    return [
        {
            "type": "ustanovochnaya-sessiya",
            "title": "Установочная сессия для наставников и наставляемых: старт нового цикла",
            "start": (7, "15:00"),
            "end": (7, "17:30"),
            "format": EventFormat.BLENDED,
            "summary": "Знакомство пар, договорённости о целях и формате встреч, первые шаги "
            "индивидуального плана развития. Очно в ИМЦ и онлайн для тех, кто не может приехать.",
            "audience": "наставники и молодые педагоги — участники программы наставничества этого года",
            "venue": IMC,
            "address": IMC_ADDRESS,
            "online_url": ONLINE + "ustanovochnaya-sessiya",
            "online_details": "Подключайтесь за 10 минут до начала, микрофон выключен. "
            "Вопросы — в чат трансляции.",
            "capacity": 40,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session(
                    "15:00",
                    "15:30",
                    "Целевая модель наставничества: роли, этапы, ожидаемые результаты",
                    "plenary",
                    [speaker(p, "Волкова Мария Андреевна", "методист ИМЦ")],
                    "Актовый зал",
                ),
                session(
                    "15:30",
                    "16:15",
                    "Договорённости пары: как наставнику и наставляемому начать работу",
                    "talk",
                    [speaker(p, "Смирнова Елена Викторовна")],
                    "Актовый зал",
                ),
                session("16:15", "16:30", "Перерыв", "break"),
                session(
                    "16:30",
                    "17:15",
                    "Индивидуальный план развития: от профессиональных дефицитов к задачам",
                    "workshop",
                    [speaker(p, "Кузнецов Андрей Павлович")],
                    "Каб. 12 и 14",
                    "Пары заполняют таблицы «Мои достижения» и «Мои дефициты» и формулируют "
                    "первые цели на четверть.",
                ),
                session("17:15", "17:30", "Вопросы и ответы", "discussion"),
            ],
            "registrations": ["pedagog1", "pedagog3", "pedagog5"],
        },
        {
            "type": "intensiv",
            "title": "Образовательный интенсив «Наставник: первые шаги»",
            "start": (14, "10:00"),
            "end": (14, "16:00"),
            "format": EventFormat.BLENDED,
            "summary": "Интенсив для педагогов, которые впервые становятся наставниками: роли, "
            "этапы программы, индивидуальный план развития молодого специалиста.",
            "audience": "педагоги, впервые включённые в базу наставников",
            "venue": IMC,
            "address": IMC_ADDRESS,
            "online_url": ONLINE + "intensiv-pervye-shagi",
            "capacity": 30,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session(
                    "10:00",
                    "11:00",
                    "Наставничество как технология передачи опыта",
                    "plenary",
                    [speaker(p, "Волкова Мария Андреевна")],
                ),
                session(
                    "11:15",
                    "12:45",
                    "Посещение урока и обратная связь без оценки",
                    "workshop",
                    [speaker(p, "Кузнецов Андрей Павлович")],
                    "Каб. 14",
                ),
                session("12:45", "13:30", "Обед", "break"),
                session(
                    "13:30",
                    "15:00",
                    "Дневник наставника и мониторинг прогресса пары",
                    "section",
                    [speaker(p, "Смирнова Елена Викторовна")],
                ),
                session(
                    "15:00", "16:00", "Проектирование плана работы пары на полугодие", "workshop"
                ),
            ],
            "registrations": ["pedagog1", "pedagog4", "pedagog6", "pedagog9"],
        },
        {
            "type": "seminar",
            "title": "Семинар «Индивидуальный план развития молодого педагога: от дефицитов к целям»",
            "start": (21, "15:30"),
            "end": (21, "17:00"),
            "format": EventFormat.ONLINE,
            "summary": "Как по результатам анкетирования выявить профессиональные дефициты "
            "молодого педагога и превратить их в измеримые цели ИПР.",
            "audience": "наставники, заместители директоров по методической работе",
            "online_url": ONLINE + "seminar-ipr",
            "online_details": "Семинар пройдёт на площадке видеоконференций ИМЦ. Запись будет "
            "доступна участникам.",
            "capacity": None,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session(
                    "15:30",
                    "16:15",
                    "Анкета дефицитов: что спрашивать и как читать ответы",
                    "talk",
                    [speaker(p, "Иванова Ольга Сергеевна", "старший воспитатель")],
                ),
                session(
                    "16:15",
                    "17:00",
                    "Цели ИПР по SMART: разбор планов участников",
                    "discussion",
                    [speaker(p, "Волкова Мария Андреевна")],
                ),
            ],
            "registrations": ["nastavnik1", "pedagog2"],
        },
        {
            "type": "master-klass",
            "title": "Мастер-класс «Дневник наставника: как фиксировать прогресс пары»",
            "start": (10, "16:00"),
            "end": (10, "17:30"),
            "format": EventFormat.IN_PERSON,
            "summary": "Практическое занятие в малой группе: ведём дневник наставника, отмечаем "
            "достижения и трудности, готовим материал для итоговой презентации пары.",
            "audience": "наставники и молодые педагоги (малая группа)",
            "venue": "Гимназия № 524",
            "address": "196105, Санкт-Петербург, ул. Примерная, д. 5, каб. 214",
            "capacity": 6,
            "owner": "nastavnik1",
            "organiser": "Смирнова Елена Викторовна",
            "agenda": [
                session(
                    "16:00",
                    "16:30",
                    "Зачем паре дневник: примеры записей",
                    "talk",
                    [speaker(p, "Смирнова Елена Викторовна")],
                ),
                session(
                    "16:30", "17:30", "Практикум: первая запись в дневнике вашей пары", "workshop"
                ),
            ],
            # Six seats, eight people: two wait for a place.
            "registrations": [
                "pedagog2",
                "pedagog3",
                "pedagog4",
                "pedagog5",
                "pedagog6",
                "pedagog7",
                "pedagog8",
                "pedagog9",
            ],
        },
        {
            "type": "kruglyj-stol",
            "title": "Круглый стол «Наставничество в детском саду: персонализированные программы»",
            "start": (42, "14:00"),
            "end": (42, "16:00"),
            "format": EventFormat.IN_PERSON,
            "summary": "Старшие воспитатели и наставники ДОУ обсуждают персонализированные "
            "программы наставничества, банк наставляемых и наставников, первые результаты.",
            "audience": "педагоги дошкольных образовательных организаций",
            "venue": "Детский сад № 41",
            "address": "196105, Санкт-Петербург, ул. Примерная, д. 9, музыкальный зал",
            "capacity": 25,
            "owner": "metodist",
            "organiser": "Иванова Ольга Сергеевна",
            "agenda": [
                session(
                    "14:00",
                    "14:20",
                    "Персонализированная программа наставничества в ДОУ",
                    "talk",
                    [speaker(p, "Иванова Ольга Сергеевна")],
                ),
                session("14:20", "16:00", "Обсуждение: что работает и что мешает", "discussion"),
            ],
            "registrations": ["pedagog3"],
        },
        {
            "type": "aukcion-idej",
            "title": "Аукцион педагогических идей",
            "start": (50, "15:00"),
            "end": (50, "17:30"),
            "format": EventFormat.BLENDED,
            "summary": "Молодые педагоги за пять минут представляют идею урока или приёма, "
            "наставники и коллеги «покупают» идеи, которые готовы применить.",
            "audience": "молодые педагоги и наставники; участие в качестве зрителя открыто всем",
            "venue": "Школа № 373",
            "address": "196105, Санкт-Петербург, ул. Примерная, д. 3, актовый зал",
            "online_url": ONLINE + "aukcion-idej",
            "capacity": 50,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session("15:00", "15:15", "Правила аукциона", "plenary"),
                session("15:15", "16:45", "Презентации идей молодых педагогов", "section"),
                session("16:45", "17:30", "Торги и подведение итогов", "discussion"),
            ],
            "registrations": ["pedagog2", "pedagog7"],
        },
        {
            "type": "forum",
            "title": "Форум молодых специалистов и их наставников",
            "start": (35, "10:00"),
            "end": (35, "18:00"),
            "format": EventFormat.IN_PERSON,
            "summary": "Ежегодный форум: презентации результатов пар, диалоговые площадки, "
            "награждение победителей конкурса «Лучший наставник года».",
            "audience": "молодые специалисты, наставники, руководители образовательных организаций",
            "venue": IMC,
            "address": IMC_ADDRESS,
            "capacity": 120,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session(
                    "10:00",
                    "11:00",
                    "Пленарное заседание «Наставничество: диалог поколений»",
                    "plenary",
                ),
                session(
                    "11:15",
                    "13:00",
                    "Диалоговые площадки: «Первый год в школе», «Наставник в колледже», "
                    "«Наставничество в ДОУ»",
                    "discussion",
                    room="Каб. 12, 14, 21",
                ),
                session("13:00", "14:00", "Обед", "break"),
                session(
                    "14:00",
                    "16:30",
                    "Презентации «Портфолио достижений» наставнических пар",
                    "section",
                ),
                session(
                    "16:45",
                    "18:00",
                    "Награждение лучших наставников и наставнических пар",
                    "plenary",
                ),
            ],
            "registrations": ["pedagog1", "pedagog2", "pedagog4", "pedagog8", "nastavnik1"],
        },
        {
            "type": "festival",
            "title": "Фестиваль открытых уроков молодых педагогов",
            "start": (60, "09:00"),
            "end": (61, "15:00"),
            "format": EventFormat.IN_PERSON,
            "summary": "Два дня открытых уроков: молодые педагоги показывают уроки, наставники и "
            "методисты дают обратную связь по единой карте наблюдения.",
            "audience": "молодые педагоги (проводят уроки), наставники и методисты (наблюдают)",
            "venue": "Школа № 373 и Гимназия № 524",
            "address": "ул. Примерная, д. 3 (первый день) и д. 5 (второй день)",
            "capacity": 60,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session("09:00", "09:30", "Открытие фестиваля, карта наблюдения урока", "plenary"),
                session(
                    "09:45", "13:30", "Открытые уроки (расписание по кабинетам)", "open_lesson"
                ),
                session(
                    "09:00",
                    "12:00",
                    "Открытые уроки в гимназии № 524",
                    "open_lesson",
                    day=today + datetime.timedelta(days=61),
                ),
                session(
                    "12:30",
                    "15:00",
                    "Обратная связь наставников и закрытие фестиваля",
                    "discussion",
                    day=today + datetime.timedelta(days=61),
                ),
            ],
            "registrations": ["pedagog6"],
        },
        {
            "type": "konkurs",
            "title": "Муниципальный конкурс «Лучший наставник года»: финал",
            "start": (75, "14:00"),
            "end": (75, "18:00"),
            "format": EventFormat.IN_PERSON,
            "summary": "Финалисты рейтингового конкурса представляют свои наставнические практики; "
            "жюри из наставников и методистов выбирает лучшего наставника года.",
            "audience": "зрители и группы поддержки финалистов",
            "venue": IMC,
            "address": IMC_ADDRESS,
            "capacity": 80,
            # Seats for spectators open a little later.
            "registration_opens": (5, "10:00"),
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session("14:00", "16:30", "Презентации финалистов", "section"),
                session("16:45", "18:00", "Решение жюри и награждение", "plenary"),
            ],
            "registrations": [],
        },
    ]


def past_events(p, files, practices):
    return [
        {
            "type": "ustanovochnaya-sessiya",
            "title": "Установочная сессия «Старт программы наставничества»",
            "start": (-80, "15:00"),
            "end": (-80, "17:30"),
            "format": EventFormat.IN_PERSON,
            "summary": "Первая встреча участников программы: формирование пар, знакомство с "
            "этапами программы и инструментами — дневником наставника и ИПР.",
            "audience": "наставники и молодые педагоги",
            "venue": IMC,
            "address": IMC_ADDRESS,
            "capacity": 40,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session(
                    "15:00",
                    "16:00",
                    "Программа наставничества: семь этапов",
                    "plenary",
                    [speaker(p, "Волкова Мария Андреевна")],
                ),
                session("16:00", "17:30", "Формирование пар и первые договорённости", "workshop"),
            ],
            "results": "<p>Сформировано 18 наставнических пар, для каждой пары назначена дата "
            "первой встречи. Участники заполнили анкету профессиональных дефицитов.</p>",
            "materials": [
                {
                    "type": "document",
                    "value": {
                        "document": files["survey"].pk,
                        "title": "Итоги анкетирования: профессиональные дефициты молодых педагогов",
                        "description": "Сводная таблица ответов участников, XLSX.",
                    },
                },
                *[
                    {
                        "type": "practice",
                        "value": {
                            "practice": practice.pk,
                            "note": "Практика представлена как пример организации работы пары.",
                        },
                    }
                    for practice in practices[:1]
                ],
            ],
            "registrations": ["pedagog1", "pedagog2", "pedagog3", "pedagog4", "nastavnik1"],
            "attended": ["pedagog1", "pedagog2", "pedagog4", "nastavnik1"],
        },
        {
            "type": "intensiv",
            "title": "Образовательный интенсив «Онлайн-лаборатория: проектируем наставническую практику»",
            "start": (-45, "10:00"),
            "end": (-45, "14:00"),
            "format": EventFormat.ONLINE,
            "summary": "Краткосрочный интенсив онлайн-лаборатории педагогов-наставников: "
            "от идеи практики к её описанию для банка эффективных практик.",
            "audience": "наставники — авторы практик",
            "online_url": ONLINE + "intensiv-laboratoriya",
            "capacity": 50,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session("10:00", "11:00", "Что делает практику эффективной", "plenary"),
                session(
                    "11:00",
                    "13:00",
                    "Работа в группах: описание практики по шаблону банка",
                    "section",
                ),
                session("13:00", "14:00", "Защита описаний", "discussion"),
            ],
            "results": "<p>Участники подготовили 9 описаний практик; 4 из них переданы на "
            "рассмотрение в банк эффективных практик.</p>",
            "materials": [
                {
                    "type": "link",
                    "value": {
                        "url": "https://video.example.org/imc/intensiv-laboratoriya",
                        "title": "Видеозапись интенсива",
                        "description": "Запись пленарной части и защиты описаний.",
                    },
                },
                *[
                    {"type": "practice", "value": {"practice": practice.pk, "note": ""}}
                    for practice in practices[1:3]
                ],
            ],
            "registrations": ["nastavnik1", "pedagog6", "pedagog9"],
            "attended": ["nastavnik1", "pedagog6", "pedagog9"],
        },
        {
            "type": "seminar",
            "title": "Семинар «Внедрение целевой модели наставничества в районе»",
            "start": (-120, "15:00"),
            "end": (-120, "17:00"),
            "format": EventFormat.IN_PERSON,
            "summary": "Информационное обеспечение внедрения целевой модели наставничества в "
            "образовательных организациях района: нормативная база, роли, сроки.",
            "audience": "заместители директоров, кураторы наставничества",
            "venue": IMC,
            "address": IMC_ADDRESS,
            "capacity": 60,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session("15:00", "16:00", "Целевая модель наставничества: пять форм", "plenary"),
                session(
                    "16:00",
                    "17:00",
                    "Дорожная карта внедрения в образовательной организации",
                    "talk",
                ),
            ],
            "results": "<p>Утверждена дорожная карта внедрения целевой модели; пилотные школы "
            "назначили кураторов наставничества.</p>",
            "materials": [],
            "registrations": ["nastavnik1"],
            "attended": ["nastavnik1"],
        },
        {
            "type": "master-klass",
            "title": "Мастер-класс «Приёмы обратной связи после посещения урока»",
            "start": (-20, "16:00"),
            "end": (-20, "17:30"),
            "format": EventFormat.IN_PERSON,
            "summary": "Как наставнику говорить о посещённом уроке так, чтобы молодой педагог "
            "услышал сильные стороны и точки роста.",
            "audience": "наставники",
            "venue": "Гимназия № 524",
            "address": "196105, Санкт-Петербург, ул. Примерная, д. 5, каб. 214",
            "capacity": 12,
            "owner": "nastavnik1",
            "organiser": "Кузнецов Андрей Павлович",
            "agenda": [
                session(
                    "16:00",
                    "17:30",
                    "Модель обратной связи «наблюдение — вопрос — договорённость»",
                    "workshop",
                    [speaker(p, "Кузнецов Андрей Павлович")],
                ),
            ],
            "results": "",
            "materials": [],
            "registrations": ["pedagog2", "pedagog7"],
            "attended": ["pedagog2"],
        },
        {
            "type": "kruglyj-stol",
            "title": "Круглый стол «Итоги персонализированных программ наставничества»",
            "start": (-30, "14:00"),
            "end": (-30, "16:00"),
            "format": EventFormat.BLENDED,
            "summary": "Итоговое мероприятие по выявлению лучших практик наставничества и "
            "пополнению методической копилки.",
            "audience": "наставники, старшие воспитатели, методисты",
            "venue": "Детский сад № 41",
            "address": "196105, Санкт-Петербург, ул. Примерная, д. 9, музыкальный зал",
            "online_url": ONLINE + "kruglyj-stol-itogi",
            "capacity": 30,
            "owner": "metodist",
            "organiser": "Иванова Ольга Сергеевна",
            "agenda": [
                session(
                    "14:00", "15:00", "Результаты мониторинга программ (анкетирование)", "talk"
                ),
                session(
                    "15:00", "16:00", "Лучшие практики: отбор в методическую копилку", "discussion"
                ),
            ],
            "results": "<p>По итогам круглого стола в методическую копилку отобраны три практики; "
            "принята резолюция о продолжении программ в следующем году.</p>",
            "materials": [
                {
                    "type": "document",
                    "value": {
                        "document": files["resolution"].pk,
                        "title": "Резолюция круглого стола",
                        "description": "",
                    },
                },
            ],
            "registrations": ["pedagog3", "nastavnik1"],
            "attended": ["pedagog3", "nastavnik1"],
        },
        {
            "type": "festival",
            "title": "Фестиваль практик наставничества",
            "start": (-100, "10:00"),
            "end": (-100, "15:00"),
            "format": EventFormat.IN_PERSON,
            "summary": "Подведение итогов года: наставнические пары представляют практики, "
            "награждение лучших наставнических пар.",
            "audience": "все участники программы наставничества",
            "venue": "Школа № 373",
            "address": "196105, Санкт-Петербург, ул. Примерная, д. 3, актовый зал",
            "capacity": 100,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session("10:00", "10:30", "Открытие фестиваля", "plenary"),
                session("10:30", "13:30", "Презентации практик наставнических пар", "section"),
                session("14:00", "15:00", "Награждение лучших наставнических пар", "plenary"),
            ],
            "results": "<p>Представлено 14 практик; шесть пар награждены дипломами фестиваля.</p>",
            "materials": [
                {
                    "type": "gallery",
                    "value": {
                        "title": "Фотографии фестиваля",
                        "photos": [
                            {
                                "image": image.pk,
                                "alt_text": alt,
                                "caption": caption,
                            }
                            for image, alt, caption in files["photos"]
                        ],
                    },
                },
                *[
                    {
                        "type": "practice",
                        "value": {"practice": practice.pk, "note": "Представлена на фестивале."},
                    }
                    for practice in practices[:3]
                ],
            ],
            "registrations": ["pedagog1", "pedagog4", "pedagog5", "pedagog6", "nastavnik1"],
            "attended": ["pedagog1", "pedagog4", "pedagog6", "nastavnik1"],
        },
        {
            "type": "forum",
            "title": "Форум «Наставничество: диалог поколений»",
            "start": (-200, "10:00"),
            "end": (-200, "17:00"),
            "format": EventFormat.IN_PERSON,
            "summary": "Форум молодых специалистов и их наставников прошлого года: диалоговые "
            "площадки и презентация «Портфолио достижений».",
            "audience": "молодые специалисты и наставники",
            "venue": IMC,
            "address": IMC_ADDRESS,
            "capacity": 120,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session("10:00", "11:00", "Пленарное заседание", "plenary"),
                session("11:00", "17:00", "Диалоговые площадки и презентации", "section"),
            ],
            "results": "<p>В форуме участвовали 96 педагогов из 23 образовательных организаций.</p>",
            "materials": [],
            "registrations": ["nastavnik1", "pedagog2"],
            "attended": ["nastavnik1", "pedagog2"],
        },
        {
            "type": "konkurs",
            "title": "Конкурс «Наставник молодых педагогов»: презентация портфолио",
            "start": (-150, "14:00"),
            "end": (-150, "18:00"),
            "format": EventFormat.IN_PERSON,
            "summary": "Финалисты конкурса наставников представляют портфолио достижений пар.",
            "audience": "зрители, участники программы",
            "venue": IMC,
            "address": IMC_ADDRESS,
            "capacity": 80,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [
                session("14:00", "18:00", "Презентации финалистов и решение жюри", "section")
            ],
            "results": "<p>Победитель конкурса — Смирнова Елена Викторовна, школа № 373.</p>",
            "materials": [],
            "registrations": ["pedagog1"],
            "attended": ["pedagog1"],
        },
        {
            "type": "aukcion-idej",
            "title": "Аукцион педагогических идей «Урок, который запомнится»",
            "start": (-90, "15:00"),
            "end": (-90, "17:00"),
            "format": EventFormat.ONLINE,
            "summary": "Молодые педагоги представили идеи уроков; лучшие идеи вошли в банк практик.",
            "audience": "молодые педагоги и наставники",
            "online_url": ONLINE + "aukcion-proshlyj",
            "capacity": None,
            "owner": "metodist",
            "organiser": "Волкова Мария Андреевна",
            "agenda": [session("15:00", "17:00", "Презентации и торги", "section")],
            "results": "<p>Продано 12 идей; три идеи оформлены как практики банка.</p>",
            "materials": [
                {"type": "practice", "value": {"practice": practice.pk, "note": ""}}
                for practice in practices[3:5]
            ],
            "registrations": ["pedagog2", "pedagog7", "pedagog8"],
            "attended": ["pedagog2", "pedagog7"],
        },
    ]


def ensure_people(command):
    User = get_user_model()
    people = {}
    for username, last, first, middle, role, organisation, position in PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "email": f"{username}@example.org",
            },
        )
        if created:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
            command.created(f"учётная запись {username} ({role})")
        group = Group.objects.filter(name=role).first()
        if group is not None:
            user.groups.add(group)
        people[username] = (user, organisation, position)
    return people


def _pillow_photo(title, colours, seed):
    """A calm abstract picture standing in for an event photo (no files ship with the demo)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    width, height = 960, 640
    picture = PILImage.new("RGB", (width, height), colours[0])
    draw = ImageDraw.Draw(picture)
    for step in range(height):
        ratio = step / height
        colour = tuple(int(colours[0][i] * (1 - ratio) + colours[1][i] * ratio) for i in range(3))
        draw.line([(0, step), (width, step)], fill=colour)
    for index in range(6):
        x = (seed * 97 + index * 173) % width
        y = (seed * 53 + index * 211) % height
        radius = 40 + (index * 37 + seed * 11) % 90
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius], outline=(255, 255, 255), width=4
        )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82)
    return ImageFile(io.BytesIO(buffer.getvalue()), name=f"{translit_slug(title)}.jpg")


def ensure_files(command):
    Document = get_document_model()
    Image = get_image_model()
    files = {}

    title = "Итоги анкетирования участников установочной сессии"
    survey = Document.objects.filter(title=title).first()
    if survey is None:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Дефициты"
        sheet.append(["Профессиональный дефицит", "Доля молодых педагогов, %"])
        for row in [
            ("Организация работы с родителями", 64),
            ("Дисциплина на уроке", 58),
            ("Оценивание и обратная связь", 41),
            ("Работа с детьми с ОВЗ", 37),
            ("Планирование урока по ФГОС", 29),
            ("Ведение документации", 22),
        ]:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        survey = Document(title=title)
        survey.file.save("itogi-anketirovaniya.xlsx", ContentFile(buffer.getvalue()), save=False)
        survey.save()
        command.created(f"документ «{title}»")
    files["survey"] = survey

    title = "Резолюция круглого стола по итогам персонализированных программ наставничества"
    resolution = Document.objects.filter(title=title).first()
    if resolution is None:
        text = (
            "РЕЗОЛЮЦИЯ\n"
            "круглого стола «Итоги персонализированных программ наставничества»\n\n"
            "1. Признать работу наставнических пар в ДОУ района эффективной.\n"
            "2. Включить три практики в методическую копилку района.\n"
            "3. Продолжить персонализированные программы в следующем учебном году.\n"
            "4. Провести установочные сессии для новых наставников в сентябре.\n"
        )
        resolution = Document(title=title)
        resolution.file.save(
            "rezolyuciya-kruglogo-stola.txt", ContentFile(text.encode("utf-8")), save=False
        )
        resolution.save()
        command.created(f"документ «{title}»")
    files["resolution"] = resolution

    photos = []
    for seed, (title, alt, caption, colours) in enumerate(
        [
            (
                "Фестиваль практик: открытие",
                "Зал перед открытием фестиваля практик",
                "Открытие фестиваля",
                ((29, 79, 145), (230, 238, 249)),
            ),
            (
                "Фестиваль практик: презентации пар",
                "Наставническая пара представляет практику",
                "Презентации наставнических пар",
                ((30, 107, 58), (229, 243, 234)),
            ),
            (
                "Фестиваль практик: награждение",
                "Награждение лучших наставнических пар",
                "Награждение",
                ((122, 75, 0), (255, 243, 214)),
            ),
        ],
        start=1,
    ):
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, file=_pillow_photo(title, colours, seed))
            image.save()
            command.created(f"изображение «{title}»")
        photos.append((image, alt, caption))
    files["photos"] = photos
    return files


def _profiles():
    from mentoring.models import MentorProfile

    return {profile.full_name: profile for profile in MentorProfile.objects.all()}


def _organisations():
    from mentoring.models import Organisation

    return {organisation.short_name: organisation for organisation in Organisation.objects.all()}


def _practices():
    from practices.listings import published_practices

    return list(published_practices().order_by("path")[:6])


def _community():
    from communities.models import CommunityPage

    return CommunityPage.objects.live().order_by("path").first()


def ensure_event(command, index, types, spec, today, people, profiles, organisations, community):
    start = _at(*spec["start"], today)
    organiser = profiles.get(spec.get("organiser", ""))
    fields = {
        "title": spec["title"],
        "event_type": types[spec["type"]],
        "starts_at": start,
        "ends_at": _at(*spec["end"], today),
        "format": spec["format"],
        "summary": spec["summary"],
        "audience": spec.get("audience", ""),
        "venue": spec.get("venue", ""),
        "address": spec.get("address", ""),
        "online_url": spec.get("online_url", ""),
        "online_details": spec.get("online_details", ""),
        "capacity": spec.get("capacity"),
        "agenda": spec.get("agenda", []),
        "results": spec.get("results", ""),
        "materials": spec.get("materials", []),
        "organiser": organiser,
        # The district's methodological centre runs the programme's calendar.
        "organising_body": organisations.get(IMC),
        "contact_email": "nastavnik@example.org",
        "owner": people[spec["owner"]][0],
        "community": community if spec["type"] in ("intensiv", "seminar", "master-klass") else None,
    }
    if "registration_opens" in spec:
        fields["registration_opens_at"] = _at(*spec["registration_opens"], today)
    page, created = ensure_child_page(index, EventPage, translit_slug(spec["title"]), **fields)
    if created:
        command.created(f"мероприятие «{spec['title']}»")
    return page


def ensure_registrations(event, usernames, people, attended=(), now=None):
    """Seats in the order given, the rest in the waiting list; spaced a few minutes apart."""
    now = now or timezone.now()
    queued = min(now, event.starts_at) - datetime.timedelta(days=3)
    confirmed = Registration.objects.filter(event=event).confirmed().count()
    for step, username in enumerate(usernames):
        user, organisation, position = people[username]
        if Registration.objects.filter(event=event, user=user).exists():
            continue
        when = queued + datetime.timedelta(minutes=17 * step)
        has_seat = event.capacity is None or confirmed < event.capacity
        Registration.objects.create(
            event=event,
            user=user,
            status=RegistrationStatus.CONFIRMED if has_seat else RegistrationStatus.WAITLISTED,
            organisation=organisation,
            position=position,
            queued_at=when,
            confirmed_at=when if has_seat else None,
            consent_at=when,
            attended=(username in attended) if attended and has_seat else None,
        )
        confirmed += int(has_seat)


def load(command, home):
    index, _created = ensure_child_page(
        home,
        EventIndexPage,
        "meropriyatiya",
        title="Мероприятия",
        intro="<p>Установочные сессии, образовательные интенсивы, семинары, фестивали, "
        "конкурсы и форумы сети наставников района. Записывайтесь, добавляйте в календарь, "
        "находите материалы прошедших мероприятий.</p>",
    )
    grant_page_permissions(index)
    people = ensure_people(command)
    files = ensure_files(command)
    types = {event_type.slug: event_type for event_type in EventType.objects.all()}
    profiles, organisations = _profiles(), _organisations()
    practices, community = _practices(), _community()
    today = timezone.localdate()
    for spec in upcoming_events(profiles, today):
        event = ensure_event(
            command, index, types, spec, today, people, profiles, organisations, community
        )
        if event.starts_at > timezone.now():
            ensure_registrations(event, spec["registrations"], people)
    for spec in past_events(profiles, files, practices):
        event = ensure_event(
            command, index, types, spec, today, people, profiles, organisations, community
        )
        ensure_registrations(event, spec["registrations"], people, attended=spec["attended"])
