"""Demo content of the mentoring programme: «Программа наставничества Московского района 2026/27».

Fifteen pairs in every state — proposed, confirmed, working on their plans at
different progress, finished with results (one marked the best, which puts its
mentor on the honour board), one declined — and requests still waiting, so the
curator's desk shows suggestions. The content follows the programme documents
in /work/shared/seeds: the stages of the target model, the «Мои достижения» /
«Мои дефициты» tables, monthly mentor diaries, the entry survey, the final
presentation of each pair's result.

Runs after the other apps' demos (load_demo's last module): results link to the
practice bank and the events calendar, the accounts pedagog1…9 and nastavnik1…3
exist by then. Idempotent: once the programme exists, nothing is touched.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from events.models import EventPage
from mentoring import closing, pairing, plans
from mentoring.demo import DEMO_PASSWORD
from mentoring.models import (
    Comment,
    DiaryEntry,
    MenteeRequest,
    MentorPoolEntry,
    MentorProfile,
    Organisation,
    Pair,
    PairResult,
    ProfessionalDeficit,
    Programme,
    ProgrammeOrganisation,
    ProgrammeStage,
    SelfAssessment,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    TaskStatus,
)
from portal import roles
from portal.demo import translit_slug
from practices.models import EducationLevel, MentoringForm, PracticePage, Subject

SLUG = "moskovskij-rajon-2026-27"
TITLE = "Программа наставничества Московского района 2026/27"
GOAL = (
    "Адаптация и профессиональный рост молодых педагогов школ Московского района: к концу "
    "учебного года не менее 80 % молодых специалистов вовлечены в наставничество, каждая пара "
    "работает по индивидуальному плану развития и публично представляет свой результат."
)
STARTS, ENDS = datetime.date(2026, 8, 25), datetime.date(2027, 5, 31)

STAGES = [
    (
        "mentee_base",
        (2026, 8, 25),
        (2026, 9, 15),
        "Анкетирование молодых педагогов «Какие профессиональные навыки вы хотели бы развить», сбор запросов и согласий",
    ),
    (
        "mentor_base",
        (2026, 8, 25),
        (2026, 9, 15),
        "Собеседования с наставниками, обучение в онлайн-лаборатории «Траектория развития»",
    ),
    (
        "pairing",
        (2026, 9, 16),
        (2026, 9, 30),
        "Установочная встреча наставников и наставляемых, закрепление пар приказом",
    ),
    (
        "work",
        (2026, 10, 1),
        (2027, 4, 30),
        "Работа по ИПР, ежемесячные записи в дневнике наставника, обратная связь",
    ),
    (
        "closing",
        (2027, 5, 1),
        (2027, 5, 31),
        "Фестиваль практик: представление результатов пар, награждение лучших",
    ),
]

# Organisation (short name) → young teachers the school reported.
ORGANISATIONS = {"Школа № 373": 8, "Гимназия № 524": 7, "Школа № 508": 6}

# mentor profile (ФИО) → capacity, availability
POOL = {
    "Смирнова Елена Викторовна": (3, "вторник и четверг после 15:00, Школа № 373"),
    "Кузнецов Андрей Павлович": (3, "понедельник после 14:30; онлайн — по договорённости"),
    "Фёдорова Татьяна Олеговна": (2, "среда, 15:00–17:00"),
    "Соколова Ирина Михайловна": (2, "пятница после уроков, можно онлайн"),
    "Козлова Анна Владимировна": (2, "вторник и пятница, кабинет психолога"),
    "Михайлова Светлана Юрьевна": (2, "четверг после 15:30"),
    "Семёнова Галина Петровна": (2, "понедельник и среда после 14:00"),
    "Орлов Владимир Константинович": (2, "среда после 16:00"),
    "Иванова Ольга Сергеевна": (1, "только онлайн, вечером по вторникам"),
    "Волкова Мария Андреевна": (2, "по записи, ИМЦ Московского района или онлайн"),
}

# username → ФИО, organisation, position, subject, level, age, career start,
#            deficits, in their own words, format, form
MENTEES = {
    "pedagog1": (
        "Новикова Анна Сергеевна",
        "Школа № 373",
        "учитель русского языка",
        "russkij-yazyk",
        "ooo",
        24,
        2025,
        ["provedenie-uroka", "funkcionalnaya-gramotnost"],
        "На уроках литературы не успеваю за 45 минут: обсуждение затягивается, а письменная часть остаётся на дом. Хочу научиться держать темп и давать задания на читательскую грамотность.",
        "in_person",
        "uchitel-uchitel",
    ),
    "pedagog2": (
        "Соколов Илья Романович",
        "Гимназия № 524",
        "учитель математики",
        "matematika",
        "ooo",
        26,
        2024,
        ["ocenivanie", "disciplina"],
        "Ученики 6 классов спорят с отметками за контрольные. Нужны понятные критерии и способ давать обратную связь без конфликта.",
        "mixed",
        "uchitel-uchitel",
    ),
    "pedagog4": (
        "Новикова Екатерина Сергеевна",
        "Школа № 508",
        "учитель начальных классов",
        "nachalnye-klassy",
        "noo",
        23,
        2026,
        ["rabota-s-roditelyami", "adaptaciya"],
        "Первый год в школе, первый класс. Родители пишут в мессенджер в любое время, не знаю, как выстроить границы.",
        "in_person",
        "uchitel-uchitel",
    ),
    "pedagog5": (
        "Фёдоров Максим Игоревич",
        "Школа № 508",
        "учитель информатики",
        "informatika",
        "ooo",
        27,
        2025,
        ["ikt", "proektnaya-deyatelnost"],
        "Хочу вести с восьмиклассниками проекты по программированию, но не знаю, как оценивать командную работу.",
        "remote",
        "uchitel-uchitel",
    ),
    "pedagog6": (
        "Козлова Полина Андреевна",
        "Школа № 373",
        "учитель английского языка",
        "inostrannyj-yazyk",
        "ooo",
        25,
        2024,
        ["dokumentaciya"],
        "Тону в документах: рабочая программа, КТП, электронный журнал. На подготовку к урокам не остаётся времени.",
        "in_person",
        "uchitel-uchitel",
    ),
    "pedagog7": (
        "Григорьева Валерия Павловна",
        "Гимназия № 524",
        "учитель биологии",
        "biologiya",
        "ooo",
        28,
        2023,
        ["vygoranie", "inklyuziya"],
        "В классе двое детей с ОВЗ, чувствую, что не справляюсь и к концу недели очень устаю.",
        "in_person",
        "uchitel-uchitel",
    ),
    "pedagog8": (
        "Павлов Артём Денисович",
        "Гимназия № 524",
        "учитель истории",
        "istoriya",
        "ooo",
        23,
        2026,
        ["adaptaciya", "vygoranie"],
        "Пришёл в гимназию в августе. Хочу понять традиции коллектива и не растерять силы к середине года.",
        "mixed",
        "uchitel-uchitel",
    ),
    "pedagog9": (
        "Смирнова Алина Олеговна",
        "Школа № 373",
        "учитель географии",
        "geografiya",
        "ooo",
        26,
        2025,
        ["dokumentaciya", "klassnoe-rukovodstvo"],
        "Дали классное руководство в 7 классе. Не понимаю, как составить план воспитательной работы.",
        "in_person",
        "uchitel-uchitel",
    ),
    "pedagog10": (
        "Белова Кристина Алексеевна",
        "Школа № 373",
        "учитель русского языка и литературы",
        "russkij-yazyk",
        "soo",
        25,
        2024,
        ["provedenie-uroka", "ocenivanie"],
        "Готовлю 10 класс к итоговому сочинению: хочу выстроить систему проверки и разборов.",
        "in_person",
        "uchitel-uchitel",
    ),
    "pedagog11": (
        "Егоров Даниил Сергеевич",
        "Гимназия № 524",
        "учитель математики",
        "matematika",
        "ooo",
        24,
        2025,
        ["odarennye-deti"],
        "Веду олимпиадный кружок, но не понимаю, как готовить детей к муниципальному этапу.",
        "mixed",
        "gruppovoe",
    ),
    "pedagog12": (
        "Тихонова Мария Викторовна",
        "Гимназия № 524",
        "учитель математики",
        "matematika",
        "ooo",
        29,
        2023,
        ["odarennye-deti", "ikt"],
        "Хочу использовать онлайн-тренажёры для сильных учеников, не перегружая остальных.",
        "mixed",
        "gruppovoe",
    ),
    "pedagog13": (
        "Романова Софья Андреевна",
        "Школа № 508",
        "учитель английского языка",
        "inostrannyj-yazyk",
        "noo",
        22,
        2026,
        ["ikt", "provedenie-uroka"],
        "Интерактивная доска и ФГИС «Моя школа» пока больше мешают, чем помогают на уроке.",
        "remote",
        "uchitel-uchitel",
    ),
    "pedagog14": (
        "Кириллова Елизавета Олеговна",
        "Школа № 508",
        "учитель биологии",
        "biologiya",
        "ooo",
        27,
        2024,
        ["proektnaya-deyatelnost"],
        "Ученики 9 класса выбрали индивидуальные проекты по биологии. Как руководить десятью проектами сразу?",
        "in_person",
        "uchitel-uchitel",
    ),
    "pedagog15": (
        "Зуева Ольга Николаевна",
        "Школа № 373",
        "учитель географии",
        "geografiya",
        "ooo",
        31,
        2024,
        ["provedenie-uroka"],
        "После перерыва в работе вернулась в школу. Хочу обновить методику и провести открытый урок.",
        "in_person",
        "uchitel-uchitel",
    ),
    "pedagog16": (
        "Медведев Глеб Артурович",
        "Гимназия № 524",
        "учитель химии",
        "himiya",
        "soo",
        26,
        2025,
        ["ocenivanie", "disciplina"],
        "Лабораторные работы в 8 классе проходят шумно, а оценивать практическую часть сложно.",
        "in_person",
        "uchitel-uchitel",
    ),
    "pedagog17": (
        "Крылова Дарья Максимовна",
        "Школа № 508",
        "учитель начальных классов",
        "nachalnye-klassy",
        "noo",
        24,
        2025,
        ["rabota-s-roditelyami"],
        "Готовлюсь к первому родительскому собранию во 2 классе: боюсь трудных вопросов.",
        "remote",
        "uchitel-uchitel",
    ),
    "pedagog18": (
        "Ершов Никита Павлович",
        "Школа № 373",
        "учитель физической культуры",
        "fizkultura",
        "ooo",
        23,
        2026,
        ["disciplina", "klassnoe-rukovodstvo"],
        "На уроках в 5 классах не удаётся удержать внимание всей группы.",
        "in_person",
        "uchitel-uchitel",
    ),
    "pedagog19": (
        "Лаптева Вероника Игоревна",
        "Гимназия № 524",
        "учитель английского языка",
        "inostrannyj-yazyk",
        "ooo",
        25,
        2025,
        ["ocenivanie", "ikt"],
        "Хочу перейти на формирующее оценивание и электронные портфолио учеников.",
        "mixed",
        "uchitel-uchitel",
    ),
}

# ИПР building blocks: deficit → (goal, tasks in order)
GOALS = {
    "provedenie-uroka": (
        "Проводить урок в заданном темпе и с ясной целью",
        [
            "Посетить два урока наставника по карте наблюдения",
            "Составить технологические карты трёх уроков",
            "Провести урок с хронометражем этапов, разобрать с наставником",
            "Подготовить и провести открытый урок",
        ],
    ),
    "funkcionalnaya-gramotnost": (
        "Включить в уроки задания на читательскую грамотность",
        [
            "Подобрать банк заданий РЭШ и ФИПИ для 6–7 классов",
            "Провести диагностическую работу и разобрать результаты",
            "Разработать серию из пяти заданий к текстам программы",
        ],
    ),
    "ocenivanie": (
        "Освоить формирующее оценивание и понятные критерии",
        [
            "Составить критерии к контрольной работе вместе с наставником",
            "Ввести лист самооценки ученика в одном классе",
            "Провести разбор контрольной по критериям",
            "Обсудить результаты с методическим объединением",
        ],
    ),
    "disciplina": (
        "Выстроить правила класса и работу с вниманием",
        [
            "Согласовать с классом правила урока",
            "Посетить уроки наставника: приёмы переключения внимания",
            "Отработать три приёма в своём классе и записать наблюдения",
        ],
    ),
    "rabota-s-roditelyami": (
        "Уверенно общаться с родителями",
        [
            "Составить регламент переписки в мессенджере для родителей",
            "Отрепетировать родительское собрание с наставником",
            "Провести родительское собрание и собрать обратную связь",
        ],
    ),
    "adaptaciya": (
        "Освоиться в коллективе и традициях школы",
        [
            "Познакомиться с руководителем МО и планом работы",
            "Принять участие в подготовке школьного праздника",
            "Составить личный план нагрузки на полугодие",
        ],
    ),
    "ikt": (
        "Использовать цифровые ресурсы на уроке без потерь времени",
        [
            "Пройти курс по ФГИС «Моя школа»",
            "Подготовить два урока с интерактивными заданиями",
            "Настроить электронный журнал и шаблоны домашних заданий",
        ],
    ),
    "inklyuziya": (
        "Учитывать особенности детей с ОВЗ на уроке",
        [
            "Изучить АООП и рекомендации ПМПК учеников",
            "Составить с тьютором индивидуальные задания на четверть",
            "Провести урок с дифференцированными заданиями и разобрать его",
        ],
    ),
    "dokumentaciya": (
        "Вести документацию быстро и без ошибок",
        [
            "Разобрать с наставником структуру рабочей программы",
            "Составить КТП на полугодие в конструкторе",
            "Настроить шаблоны отчётов в электронном журнале",
        ],
    ),
    "proektnaya-deyatelnost": (
        "Руководить индивидуальными проектами учеников",
        [
            "Составить график консультаций по проектам",
            "Подготовить памятку по этапам проекта для учеников",
            "Провести предзащиту проектов",
        ],
    ),
    "odarennye-deti": (
        "Подготовить учеников к муниципальному этапу олимпиады",
        [
            "Подобрать задания прошлых лет",
            "Провести пробный тур и разобрать решения",
            "Составить индивидуальные маршруты для трёх учеников",
        ],
    ),
    "vygoranie": (
        "Сохранять силы и планировать нагрузку",
        [
            "Вести дневник нагрузки две недели",
            "Обсудить с наставником приёмы саморегуляции",
            "Распределить подготовку к урокам по неделе",
        ],
    ),
    "klassnoe-rukovodstvo": (
        "Составить и вести план воспитательной работы класса",
        [
            "Изучить план воспитательной работы школы",
            "Провести анкетирование класса об интересах",
            "Подготовить и провести классный час",
        ],
    ),
}

DIARY_TOPICS = [
    (
        "Установочная встреча: знакомство, разбор запроса и таблиц «Мои достижения» / «Мои дефициты»",
        "Обсудили запрос, сформулировали проблему ИПР, договорились встречаться раз в две недели.",
    ),
    (
        "Посещение урока наставника по карте наблюдения",
        "Отметили приёмы организации начала урока и смены деятельности, наставляемый заполнил карту.",
    ),
    (
        "Разбор урока наставляемого",
        "Разобрали хронометраж: на объяснение ушло 20 минут вместо 12. Договорились о трёх изменениях.",
    ),
    (
        "Промежуточная встреча по плану",
        "Сверили выполнение задач, перенесли срок одной задачи, наставляемый отметил прогресс в самооценке.",
    ),
]

COMMENTS = [
    ("mentee", "Спасибо за разбор! Попробую завтра начать урок с проблемного вопроса."),
    (
        "mentor",
        "Хорошо получилось: класс работал все 45 минут. Запишите, что сработало, — пригодится для открытого урока.",
    ),
    ("mentee", "Перенесла задачу на следующую неделю: была проверочная в параллели."),
]

# The fifteen pairs: mentor, mentees (usernames), state, tasks done, result.
PAIRS = [
    ("Смирнова Елена Викторовна", ["pedagog1"], "active", 2, None),
    ("Смирнова Елена Викторовна", ["pedagog10"], "active", 4, None),
    ("Кузнецов Андрей Павлович", ["pedagog2"], "active", 5, None),
    ("Кузнецов Андрей Павлович", ["pedagog11", "pedagog12"], "active", 1, None),
    ("Фёдорова Татьяна Олеговна", ["pedagog6"], "finished", None, "best"),
    ("Соколова Ирина Михайловна", ["pedagog13"], "active", 2, None),
    ("Козлова Анна Владимировна", ["pedagog7"], "active", 5, None),
    ("Михайлова Светлана Юрьевна", ["pedagog14"], "confirmed", 0, None),
    ("Семёнова Галина Петровна", ["pedagog15"], "finished", None, "practice"),
    ("Орлов Владимир Константинович", ["pedagog16"], "finished", None, "event"),
    ("Иванова Ольга Сергеевна", ["pedagog17"], "confirmed", 0, None),
    ("Волкова Мария Андреевна", ["pedagog8"], "proposed", 0, None),
    ("Фёдорова Татьяна Олеговна", ["pedagog9"], "proposed", 0, None),
    ("Семёнова Галина Петровна", ["pedagog18"], "proposed", 0, None),
    ("Орлов Владимир Константинович", ["pedagog4"], "declined", 0, None),
]
DECLINE_REASON = (
    "Мне удобнее наставник из своей школы: встречаться после уроков в другом здании не получится."
)
WAITING = ["pedagog5", "pedagog19"]  # and pedagog4 again, after the declined pair

RESULTS = {
    "best": (
        "Полина Андреевна перестала тратить выходные на документы: рабочая программа и КТП "
        "составлены в конструкторе, шаблоны отчётов настроены. Освободившееся время ушло на "
        "подготовку к урокам — отметки по английскому в 6 «А» выросли, а пара представила "
        "памятку «Документы молодого учителя за один вечер» на совещании молодых педагогов.",
        {"url": "https://imc-mosk.example.org/molodym-pedagogam/pamyatka-dokumenty"},
    ),
    "practice": (
        "Ольга Николаевна провела открытый урок географии в 7 классе по технологической карте; "
        "взаимопосещения по карте наблюдения пара описала как практику для банка.",
        {"practice": "Взаимопосещение уроков по карте наблюдения"},
    ),
    "event": (
        "Глеб Артурович ввёл критерии оценивания лабораторных работ и выступил с их разбором "
        "на фестивале открытых уроков молодых педагогов.",
        {"event": "Фестиваль открытых уроков молодых педагогов"},
    ),
}

SURVEY_QUESTIONS = [
    ("Насколько понятны цели вашей работы в паре?", "scale"),
    ("Насколько вам комфортно работать с наставником (наставляемым)?", "scale"),
    ("Насколько полезны были первые встречи?", "scale"),
    ("Что хотелось бы изменить в работе пары?", "text"),
]
SURVEY_COMMENTS = [
    "Больше времени на разбор уроков.",
    "Встречаться чаще в первые месяцы.",
    "Всё устраивает, спасибо!",
    "Хотелось бы посещать уроки других наставников.",
]


def _date(*parts):
    return datetime.date(*parts)


def _moment(day, hour=16):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


def _profile_by_name(name):
    last, first, middle = name.split()
    return (
        MentorProfile.objects.filter(slug=translit_slug(name)).first()
        or MentorProfile.objects.filter(
            last_name=last, first_name=first, middle_name=middle
        ).first()
    )


def _account(username, full_name, command):
    last, first, middle = full_name.split()
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "last_name": last,
            "first_name": first,
            "middle_name": middle,
            "email": f"{username}@example.org",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        command.created(f"учётная запись {username} (пароль {DEMO_PASSWORD})")
    user.groups.add(Group.objects.get(name=roles.TEACHER))
    return user


def load(command, home):
    if Programme.objects.filter(slug=SLUG).exists():
        return  # the programme lives its own life after the first load
    rng = random.Random(2026)  # noqa: S311 - repeatable demo data, not secrets
    curator = get_user_model().objects.get(username="metodist")
    organisations = {
        o.short_name: o
        for o in Organisation.objects.filter(short_name__in=ORGANISATIONS).select_related(
            "municipality"
        )
    }
    programme = Programme.objects.create(
        title=TITLE,
        slug=SLUG,
        level="district",
        goal=GOAL,
        curator=curator,
        starts_on=STARTS,
        ends_on=ENDS,
        accepts_requests=True,
    )
    for order, (kind, start, end, note) in enumerate(STAGES):
        ProgrammeStage.objects.create(
            programme=programme,
            kind=kind,
            starts_on=_date(*start),
            ends_on=_date(*end),
            note=note,
            sort_order=order,
        )
    for order, (short, young) in enumerate(ORGANISATIONS.items()):
        ProgrammeOrganisation.objects.create(
            programme=programme,
            organisation=organisations[short],
            young_teachers=young,
            sort_order=order,
        )
    command.created(f"программа «{TITLE}»")

    mentors = {}
    for name, (capacity, availability) in POOL.items():
        profile = _profile_by_name(name)
        if profile is None:
            continue
        mentors[name] = profile
        MentorPoolEntry.objects.create(
            programme=programme, mentor=profile, capacity=capacity, availability=availability
        )

    deficits = {d.slug: d for d in ProfessionalDeficit.objects.all()}
    subjects = {s.slug: s for s in Subject.objects.all()}
    levels = {level.slug: level for level in EducationLevel.objects.all()}
    forms = {f.slug: f for f in MentoringForm.objects.all()}
    requests = {}
    for number, (username, spec) in enumerate(MENTEES.items()):
        name, org, position, subject, level, age, since, wanted, text, fmt, form = spec
        teacher = _account(username, name, command)
        request = MenteeRequest.objects.create(
            programme=programme,
            teacher=teacher,
            organisation=organisations[org],
            position=position,
            subject=subjects.get(subject),
            education_level=levels.get(level),
            preferred_form=forms.get(form),
            preferred_format=fmt,
            age=age,
            career_start_year=since,
            deficits_text=text,
            consent_at=_moment(_date(2026, 9, 1) + datetime.timedelta(days=number % 14), 10),
        )
        request.deficits.add(*[deficits[slug] for slug in wanted if slug in deficits])
        MenteeRequest.objects.filter(pk=request.pk).update(created_at=request.consent_at)
        requests[username] = request

    pairs = []
    for mentor_name, mentees, state, done, result in PAIRS:
        mentor = mentors.get(mentor_name)
        if mentor is None:
            continue
        pair = _make_pair(programme, mentor, [requests[u] for u in mentees], state, done, rng)
        if result:
            _present_result(pair, result)
        pairs.append(pair)
    command.created(f"наставнических пар: {len(pairs)}")
    _surveys(programme, pairs, rng)
    return programme


def _make_pair(programme, mentor, requests, state, done, rng):
    curator = programme.curator
    confirm = state != "proposed"
    pair = pairing.form_pair(programme, mentor, requests, by=curator, confirm=confirm)
    proposed_on = (
        _date(2026, 9, 18 + rng.randrange(8)) if state != "proposed" else _date(2026, 11, 18)
    )
    Pair.objects.filter(pk=pair.pk).update(
        created_at=_moment(proposed_on, 12),
        confirmed_at=_moment(proposed_on + datetime.timedelta(days=5), 15) if confirm else None,
    )
    pair.refresh_from_db()
    mentees = [r.teacher for r in requests]
    if state == "declined":
        pairing.decline(pair, mentees[0], DECLINE_REASON)
        Pair.objects.filter(pk=pair.pk).update(declined_at=_moment(_date(2026, 9, 29), 18))
        return pair
    if state == "proposed":
        return pair

    # The plan: one goal per deficit of the (first) request, two at most.
    plan = plans.ensure_plan(pair)
    slugs = [d.slug for d in requests[0].deficits.all()][:2]
    plan.expected_result = (
        "Наставляемый самостоятельно решает задачи, с которыми пришёл в программу, и представляет "
        "результат на фестивале практик."
    )
    plan.save(update_fields=["expected_result"])
    tasks = []
    due = _date(2026, 10, 12)
    for slug in slugs:
        title, task_titles = GOALS[slug]
        goal = plans.add_goal(plan, title)
        for task_title in task_titles:
            tasks.append(plans.add_task(goal, task_title, due))
            due += datetime.timedelta(days=16)
    tasks.sort(key=lambda task: task.due_on)
    if state == "finished":
        done = len(tasks)
    for task in tasks[:done]:
        plans.set_task_status(task, TaskStatus.DONE, on=min(task.due_on, _date(2026, 11, 20)))
    if state == "active" and done < len(tasks):
        plans.set_task_status(tasks[done], TaskStatus.IN_PROGRESS)

    if state in ("active", "finished"):
        pairing.start(pair, on=_date(2026, 10, 1))
        _diary_and_comments(pair, mentees, rng)
        for mentee in mentees:
            SelfAssessment.objects.create(
                pair=pair,
                author=mentee,
                moment="start",
                achievements="Хорошо знаю предмет, легко нахожу общий язык с учениками, "
                "уверенно работаю с интерактивной доской.",
                deficits=requests[0].deficits_text,
            )
    if state == "finished":
        pairing.finish(pair, on=_date(2026, 11, 13 + rng.randrange(6)))
        for mentee in mentees:
            SelfAssessment.objects.create(
                pair=pair,
                author=mentee,
                moment="end",
                achievements="Задачи плана выполнены: то, что было дефицитом, стало рабочим "
                "инструментом. Провела (провёл) открытое занятие, получила (получил) "
                "положительный отзыв методиста.",
                deficits="Хочу дальше развиваться в проектной деятельности с учениками.",
            )
    pair.refresh_from_db()
    return pair


def _diary_and_comments(pair, mentees, rng):
    day = _date(2026, 10, 2)
    for topic, notes in DIARY_TOPICS[: 2 + rng.randrange(3)]:
        DiaryEntry.objects.create(
            pair=pair,
            author=pair.mentor.user,
            met_on=day,
            format=rng.choice(["in_person", "in_person", "remote"]),
            topic=topic,
            notes=notes,
        )
        day += datetime.timedelta(days=14)
    when = _date(2026, 10, 20)
    for side, text in COMMENTS[: 1 + rng.randrange(3)]:
        author = pair.mentor.user if side == "mentor" else mentees[0]
        if author is None:
            continue
        comment = Comment.objects.create(pair=pair, author=author, text=text)
        Comment.objects.filter(pk=comment.pk).update(created_at=_moment(when, 19))
        when += datetime.timedelta(days=6)


def _present_result(pair, kind):
    summary, links = RESULTS[kind]
    practice = event = None
    if "practice" in links:
        practice = PracticePage.objects.live().filter(title=links["practice"]).first()
    if "event" in links:
        event = EventPage.objects.live().filter(title=links["event"]).first()
    PairResult.objects.create(
        pair=pair,
        summary=summary,
        practice=practice,
        event=event,
        url=links.get("url", ""),
        submitted_by=pair.mentor.user,
    )
    if kind == "best":
        closing.mark_best_pair(pair)


def _surveys(programme, pairs, rng):
    entry = Survey.objects.create(
        programme=programme,
        title="Входная анкета участников программы",
        moment="start",
        intro="Анкета входящего мониторинга: помогает куратору увидеть, как начинается работа пар.",
        opens_on=_date(2026, 10, 1),
        closes_on=_date(2026, 10, 20),
    )
    final = Survey.objects.create(
        programme=programme,
        title="Итоговая анкета участников программы",
        moment="end",
        intro="Оцените работу пары за год: ответы учитываются в показателе удовлетворённости.",
        opens_on=_date(2027, 5, 1),
        closes_on=_date(2027, 5, 25),
    )
    for survey in (entry, final):
        for order, (text, kind) in enumerate(SURVEY_QUESTIONS):
            SurveyQuestion.objects.create(
                survey=survey, text=text, kind=kind, required=kind == "scale", sort_order=order
            )
    questions = list(entry.questions.all())
    for pair in pairs:
        if pair.state not in ("active", "finished"):
            continue
        people = [pair.mentor.user, *[m.request.teacher for m in pair.current_memberships]]
        for person in filter(None, people):
            response = SurveyResponse.objects.create(survey=entry, pair=pair, respondent=person)
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(
                    response=response,
                    question=question,
                    score=rng.choice([3, 4, 4, 5, 5, 5]) if question.kind == "scale" else None,
                    text=rng.choice(SURVEY_COMMENTS) if question.kind == "text" else "",
                )
                for question in questions
            )
