"""Demo content of the mentoring app: municipalities, organisations, twenty mentors with
awards over several years and drawn placeholder portraits, the honour board, demo accounts.

Idempotent: records are found by natural keys (slug, username, award title + year)
and created only when missing; nothing existing is overwritten.
"""

import io
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from PIL import Image, ImageDraw, ImageFilter

from mentoring.models import (
    Award,
    AwardLevel,
    HonourBoardPage,
    MentorProfile,
    Municipality,
    Organisation,
)
from mentoring.photos import save_photo
from portal import roles
from portal.demo import ensure_child_page, translit_slug
from practices.models import Competency, EducationLevel, MentoringForm, Subject

DEMO_PASSWORD = "demo12345"  # noqa: S105 - documented demo accounts, never a real deployment's

MUNICIPALITIES = [
    "Московский район",
    "Фрунзенский район",
    "Кировский район",
    "Городской округ Серпухов",
]

ORGANISATIONS = [
    ("ГБОУ СОШ № 373 «Экономическая школа»", "Школа № 373", "Московский район"),
    ("ГБОУ гимназия № 524", "Гимназия № 524", "Московский район"),
    ("ГБДОУ детский сад № 41", "Детский сад № 41", "Фрунзенский район"),
    ("МОУ «Средняя общеобразовательная школа № 2»", "СОШ № 2", "Городской округ Серпухов"),
    ("ГБПОУ «Колледж информационных технологий»", "Колледж ИТ", "Фрунзенский район"),
    ("ИМЦ Московского района", "ИМЦ Московского района", "Московский район"),
    ("ГБОУ СОШ № 508 Московского района", "Школа № 508", "Московский район"),
    (
        "ГБДОУ детский сад № 15 Кировского района Санкт-Петербурга",
        "Детский сад № 15",
        "Кировский район",
    ),
    ("ГБОУ лицей № 384 Кировского района", "Лицей № 384", "Кировский район"),
    ("МОУ «Гимназия № 5»", "Гимназия № 5", "Городской округ Серпухов"),
    (
        "МОУ ДПО «Учебно-методический центр» г.о. Серпухов",
        "УМЦ Серпухов",
        "Городской округ Серпухов",
    ),
]

# Issuers by level, as they read on the documents programmes keep.
ISSUERS = {
    "Школа № 373": "ГБОУ СОШ № 373",
    "Гимназия № 524": "ГБОУ гимназия № 524",
    "Детский сад № 41": "ГБДОУ детский сад № 41",
    "СОШ № 2": "МОУ «СОШ № 2»",
    "Колледж ИТ": "ГБПОУ «Колледж информационных технологий»",
    "ИМЦ Московского района": "ИМЦ Московского района",
    "Школа № 508": "ГБОУ СОШ № 508",
    "Детский сад № 15": "ГБДОУ детский сад № 15",
    "Лицей № 384": "ГБОУ лицей № 384",
    "Гимназия № 5": "МОУ «Гимназия № 5»",
    "УМЦ Серпухов": "МОУ ДПО «Учебно-методический центр»",
}
MUNICIPAL_ISSUERS = {
    "Московский район": "Администрация Московского района Санкт-Петербурга",
    "Фрунзенский район": "Администрация Фрунзенского района Санкт-Петербурга",
    "Кировский район": "Администрация Кировского района Санкт-Петербурга",
    "Городской округ Серпухов": "Управление образования администрации г.о. Серпухов",
}
REGIONAL_ISSUERS = {
    "Городской округ Серпухов": "Министерство образования Московской области",
}
REGIONAL_ISSUER = "Комитет по образованию Санкт-Петербурга"
FEDERAL_ISSUER = "Министерство просвещения Российской Федерации"

S, M, R, F = AwardLevel.SCHOOL, AwardLevel.MUNICIPAL, AwardLevel.REGIONAL, AwardLevel.FEDERAL

BEST_MENTOR = "Победитель конкурса «Лучший наставник года»"
BEST_MENTOR_LAUREATE = "Лауреат конкурса «Лучший наставник года»"
BADGE = "Значок «Педагог-наставник»"
SCHOOL_DIPLOMA = "Грамота за результативную работу наставнической пары"
MUNICIPAL_DIPLOMA = "Почётная грамота за вклад в развитие наставничества"
REGIONAL_DIPLOMA = "Почётная грамота регионального органа управления образованием"
FEDERAL_DIPLOMA = "Почётная грамота Министерства просвещения Российской Федерации"
FEDERAL_BADGE = "Нагрудный знак «Почётный наставник»"
PRACTICE_PRIZE = "Лучшая наставническая практика года (фестиваль практик)"

CITATIONS = {
    BEST_MENTOR: "За системную работу с молодыми педагогами и высокие результаты наставнических пар.",
    BEST_MENTOR_LAUREATE: "За авторскую программу сопровождения молодых специалистов.",
    BADGE: "За подготовку молодых специалистов и участие в школьной программе наставничества.",
    SCHOOL_DIPLOMA: "За успешную адаптацию молодого специалиста и открытые уроки наставнической пары.",
    MUNICIPAL_DIPLOMA: "За многолетнюю наставническую деятельность и обобщение опыта на муниципальном уровне.",
    REGIONAL_DIPLOMA: "За значительный вклад в развитие региональной системы наставничества.",
    FEDERAL_DIPLOMA: "За заслуги в сфере образования и многолетний добросовестный труд.",
    FEDERAL_BADGE: "За особые заслуги в наставничестве и подготовке педагогических кадров.",
    PRACTICE_PRIZE: "За практику, признанную лучшей на районном фестивале наставнических практик.",
}

# (фамилия, имя, отчество, должность, организация, в образовании с,
#  предметы, компетенции, уровни, формы, рассказ, награды [(название, уровень, год)])
MENTORS = [
    (
        "Смирнова",
        "Елена",
        "Викторовна",
        "учитель русского языка и литературы",
        "Школа № 373",
        1998,
        ["russkij-yazyk"],
        ["planirovanie-uroka", "funkcionalnaya-gramotnost", "nastavnicheskaya-kompetentnost"],
        ["ooo", "soo"],
        ["uchitel-uchitel"],
        "Двадцать пять лет в школе, из них десять — наставник молодых словесников.\n\n"
        "Помогаю выстроить первый урок так, чтобы он получился: от цели до рефлексии. "
        "Веду дневник наставника и открытые уроки для пары, разбираем их вместе.",
        [(BEST_MENTOR, M, 2022), (REGIONAL_DIPLOMA, R, 2024), (BADGE, S, 2021)],
    ),
    (
        "Кузнецов",
        "Андрей",
        "Павлович",
        "учитель математики",
        "Гимназия № 524",
        2004,
        ["matematika"],
        ["ocenivanie", "odarennye-deti", "cifrovye-tehnologii"],
        ["ooo", "soo"],
        ["uchitel-uchitel", "uchenik-uchenik"],
        "Готовлю олимпиадников и учу молодых коллег формирующему оцениванию.\n\n"
        "В гимназии веду группу «ученик – ученик»: старшеклассники помогают пятиклассникам с математикой.",
        [(BEST_MENTOR_LAUREATE, R, 2023), (MUNICIPAL_DIPLOMA, M, 2021), (PRACTICE_PRIZE, M, 2025)],
    ),
    (
        "Иванова",
        "Ольга",
        "Сергеевна",
        "старший воспитатель",
        "Детский сад № 41",
        1995,
        ["doshkolnoe"],
        ["vzaimodejstvie-s-roditelyami", "adaptaciya", "dokumentaciya"],
        ["dou"],
        ["uchitel-uchitel", "gruppovoe"],
        "Сопровождаю молодых воспитателей в первый год: адаптация, работа с родителями, документация.\n\n"
        "В детском саду действует банк наставников и персонализированные программы для каждого новичка.",
        [(MUNICIPAL_DIPLOMA, M, 2023), (BADGE, S, 2022), (FEDERAL_DIPLOMA, F, 2025)],
    ),
    (
        "Петрова",
        "Наталья",
        "Игоревна",
        "учитель начальных классов",
        "СОШ № 2",
        2001,
        ["nachalnye-klassy"],
        ["upravlenie-klassom", "vospitatelnaya-rabota", "vzaimodejstvie-s-roditelyami"],
        ["noo"],
        ["uchitel-uchitel"],
        "Наставник в муниципальном проекте «Развитие системы наставничества в г.о. Серпухов».\n\n"
        "Работаю с молодыми учителями начальной школы: дисциплина без крика, родительские собрания, "
        "первые открытые уроки.",
        [(BEST_MENTOR, M, 2024), (SCHOOL_DIPLOMA, S, 2023)],
    ),
    (
        "Морозов",
        "Дмитрий",
        "Александрович",
        "преподаватель спецдисциплин",
        "Колледж ИТ",
        2009,
        ["informatika", "professionalnoe"],
        ["cifrovye-tehnologii", "proektnaya-deyatelnost", "proforientaciya"],
        ["spo"],
        ["rabotodatel-student", "student-uchenik"],
        "Пришёл в колледж из IT-компании и остался. Веду студентов на практике вместе с наставниками "
        "от работодателей, а студенты сами становятся наставниками школьников на профпробах.",
        [(REGIONAL_DIPLOMA, R, 2022), (BEST_MENTOR_LAUREATE, M, 2025)],
    ),
    (
        "Волкова",
        "Мария",
        "Андреевна",
        "методист",
        "ИМЦ Московского района",
        1997,
        ["upravlenie"],
        ["nastavnicheskaya-kompetentnost", "refleksiya", "samoregulyaciya"],
        ["ooo", "soo", "do"],
        ["gruppovoe", "uchitel-uchitel"],
        "Куратор онлайн-лаборатории педагогов-наставников района. Организую установочные сессии, "
        "интенсивы и фестиваль наставнических практик.",
        [(FEDERAL_BADGE, F, 2024), (REGIONAL_DIPLOMA, R, 2021), (MUNICIPAL_DIPLOMA, M, 2022)],
    ),
    (
        "Соколова",
        "Ирина",
        "Михайловна",
        "учитель английского языка",
        "Школа № 508",
        2006,
        ["inostrannyj-yazyk"],
        ["cifrovye-tehnologii", "planirovanie-uroka"],
        ["noo", "ooo"],
        ["uchitel-uchitel"],
        "Помогаю молодым учителям иностранного языка: коммуникативные задания, цифровые сервисы, "
        "подготовка к ОГЭ без натаскивания.",
        [(BADGE, S, 2023), (MUNICIPAL_DIPLOMA, M, 2025)],
    ),
    (
        "Лебедев",
        "Сергей",
        "Николаевич",
        "учитель физики",
        "Лицей № 384",
        1994,
        ["fizika"],
        ["proektnaya-deyatelnost", "odarennye-deti", "planirovanie-uroka"],
        ["ooo", "soo"],
        ["uchitel-uchitel", "uchenik-uchenik"],
        "Тридцать лет учу физике и двадцать — учителей физики. Лабораторный практикум, "
        "исследовательские проекты, подготовка к олимпиадам.",
        [(FEDERAL_DIPLOMA, F, 2022), (BEST_MENTOR, R, 2020), (SCHOOL_DIPLOMA, S, 2024)],
    ),
    (
        "Козлова",
        "Анна",
        "Владимировна",
        "педагог-психолог",
        "Гимназия № 524",
        2011,
        ["psihologiya"],
        ["samoregulyaciya", "inklyuziya", "adaptaciya"],
        ["noo", "ooo", "soo"],
        ["uchitel-uchitel", "gruppovoe"],
        "Веду группу профилактики профессионального выгорания для молодых педагогов и консультирую "
        "наставнические пары, когда взаимодействие не складывается.",
        [(MUNICIPAL_DIPLOMA, M, 2024), (BADGE, S, 2025)],
    ),
    (
        "Новиков",
        "Павел",
        "Евгеньевич",
        "учитель истории и обществознания",
        "Гимназия № 5",
        2008,
        ["istoriya"],
        ["funkcionalnaya-gramotnost", "vospitatelnaya-rabota"],
        ["ooo", "soo"],
        ["uchitel-uchitel", "uchenik-uchenik"],
        "Наставник в клубе молодых педагогов. Учу работать с историческими источниками и вести "
        "дискуссии на уроке обществознания.",
        [(BEST_MENTOR, M, 2023), (PRACTICE_PRIZE, M, 2021)],
    ),
    (
        "Фёдорова",
        "Татьяна",
        "Олеговна",
        "заместитель директора по УВР",
        "Школа № 373",
        1996,
        ["upravlenie"],
        ["dokumentaciya", "nastavnicheskaya-kompetentnost", "ocenivanie"],
        ["noo", "ooo", "soo"],
        ["uchitel-uchitel", "gruppovoe"],
        "Куратор школьной программы наставничества: база наставляемых, пары, индивидуальные "
        "планы развития и их мониторинг.",
        [(REGIONAL_DIPLOMA, R, 2023), (MUNICIPAL_DIPLOMA, M, 2020), (FEDERAL_DIPLOMA, F, 2026)],
    ),
    (
        "Михайлова",
        "Светлана",
        "Юрьевна",
        "учитель биологии",
        "Школа № 508",
        2003,
        ["biologiya", "himiya"],
        ["proektnaya-deyatelnost", "funkcionalnaya-gramotnost"],
        ["ooo", "soo"],
        ["uchitel-uchitel", "student-uchenik"],
        "Школьное экологическое общество и проекты со студентами-биологами: студенты ведут "
        "исследования вместе со школьниками, я сопровождаю и тех, и других.",
        [(BEST_MENTOR_LAUREATE, M, 2022), (BADGE, S, 2024)],
    ),
    (
        "Алексеев",
        "Игорь",
        "Валентинович",
        "преподаватель-организатор ОБЗР",
        "СОШ № 2",
        2000,
        ["obzr", "fizkultura"],
        ["vospitatelnaya-rabota", "upravlenie-klassom"],
        ["ooo", "soo"],
        ["uchitel-uchitel"],
        "Помогаю молодым учителям физкультуры и ОБЗР выстроить безопасный урок и работу с классом.",
        [(MUNICIPAL_DIPLOMA, M, 2021), (SCHOOL_DIPLOMA, S, 2025)],
    ),
    (
        "Николаева",
        "Екатерина",
        "Дмитриевна",
        "воспитатель",
        "Детский сад № 15",
        2010,
        ["doshkolnoe"],
        ["vzaimodejstvie-s-roditelyami", "inklyuziya"],
        ["dou"],
        ["uchitel-uchitel"],
        "Наставник молодых воспитателей по персонализированной программе детского сада: "
        "режимные моменты, игровые технологии, дети с ОВЗ в группе.",
        [(BADGE, S, 2022), (BEST_MENTOR_LAUREATE, M, 2024)],
    ),
    (
        "Захаров",
        "Алексей",
        "Игоревич",
        "учитель информатики",
        "Лицей № 384",
        2012,
        ["informatika"],
        ["cifrovye-tehnologii", "proektnaya-deyatelnost"],
        ["ooo", "soo", "do"],
        ["uchenik-uchenik", "rabotodatel-uchenik"],
        "Веду кружок робототехники, где старшеклассники наставляют младших, а инженеры "
        "партнёрского предприятия — старшеклассников.",
        [(PRACTICE_PRIZE, R, 2023), (SCHOOL_DIPLOMA, S, 2022)],
    ),
    (
        "Васильева",
        "Людмила",
        "Анатольевна",
        "учитель музыки",
        "Гимназия № 5",
        1993,
        ["iskusstvo"],
        ["vospitatelnaya-rabota", "odarennye-deti"],
        ["noo", "ooo", "do"],
        ["uchitel-uchitel"],
        "Хормейстер и наставник молодых учителей музыки и ИЗО округа.",
        [(MUNICIPAL_DIPLOMA, M, 2022), (FEDERAL_BADGE, F, 2025)],
    ),
    (
        "Павлов",
        "Михаил",
        "Сергеевич",
        "мастер производственного обучения",
        "Колледж ИТ",
        2007,
        ["professionalnoe", "tehnologiya"],
        ["proforientaciya", "adaptaciya"],
        ["spo"],
        ["rabotodatel-student", "gruppovoe"],
        "Сопровождаю студентов на производственной практике и молодых мастеров колледжа.",
        [(BEST_MENTOR, R, 2025), (MUNICIPAL_DIPLOMA, M, 2023)],
    ),
    (
        "Семёнова",
        "Галина",
        "Петровна",
        "учитель географии",
        "Школа № 373",
        1990,
        ["geografiya"],
        ["planirovanie-uroka", "refleksiya"],
        ["ooo", "soo"],
        ["uchitel-uchitel"],
        "Больше тридцати лет в школе. Учу молодых коллег планировать так, чтобы успевать жить.",
        [(FEDERAL_DIPLOMA, F, 2021), (BADGE, S, 2020)],
    ),
    (
        "Григорьева",
        "Юлия",
        "Александровна",
        "социальный педагог",
        "УМЦ Серпухов",
        2013,
        ["vospitanie", "psihologiya"],
        ["vospitatelnaya-rabota", "vzaimodejstvie-s-roditelyami", "samoregulyaciya"],
        ["ooo", "soo"],
        ["gruppovoe", "uchitel-uchitel"],
        "Организую флешмобы и клуб молодых педагогов «Пеликаша», веду группы поддержки для "
        "начинающих классных руководителей.",
        [(BEST_MENTOR_LAUREATE, M, 2023), (MUNICIPAL_DIPLOMA, M, 2026)],
    ),
    (
        "Орлов",
        "Владимир",
        "Константинович",
        "учитель химии",
        "Гимназия № 524",
        2002,
        ["himiya"],
        ["proektnaya-deyatelnost", "ocenivanie"],
        ["ooo", "soo"],
        ["uchitel-uchitel", "student-uchenik"],
        "Химия без страха: безопасный эксперимент, проектные задачи, подготовка к ЕГЭ. "
        "Наставник студентов-практикантов педагогического университета.",
        [(REGIONAL_DIPLOMA, R, 2025), (BEST_MENTOR, M, 2021), (SCHOOL_DIPLOMA, S, 2023)],
    ),
]

# Demo accounts: other apps' demos use the same usernames, so whoever runs first creates
# them and nobody resets a password or a name afterwards.
ACCOUNTS = [
    ("metodist", "Лебедева", "Татьяна", "Николаевна", roles.METHODIST),
    ("nastavnik1", "Смирнова", "Елена", "Викторовна", roles.MENTOR),
    ("pedagog1", "Новикова", "Анна", "Сергеевна", roles.TEACHER),
]
LINKED_PROFILE = ("nastavnik1", "smirnova-elena-viktorovna")

BOARD_INTRO = (
    "<p>Наставники, отмеченные наградами школ, муниципалитетов, региона и страны: победители "
    "конкурса «Лучший наставник года», обладатели грамот и значка «Педагог-наставник».</p>"
)
BOARD_CRITERIA = (
    "<p>На доску почёта попадает наставник, получивший хотя бы одну награду за наставническую "
    "деятельность:</p><ul><li>победители и лауреаты конкурса «Лучший наставник года»;</li>"
    "<li>награждённые грамотами и благодарностями школы, муниципалитета, региона, Министерства "
    "просвещения;</li><li>обладатели значка «Педагог-наставник».</li></ul>"
    "<p>Награды вносят методисты по приказам и решениям жюри.</p>"
)

PALETTES = [
    ((226, 235, 246), (196, 214, 236)),
    ((236, 242, 232), (205, 224, 200)),
    ((246, 238, 226), (233, 214, 190)),
    ((240, 232, 244), (218, 203, 230)),
    ((229, 240, 241), (193, 222, 224)),
    ((244, 234, 234), (227, 205, 205)),
]
SKIN = [(241, 205, 176), (229, 184, 150), (214, 166, 128), (245, 214, 190)]
HAIR = [(59, 43, 33), (104, 72, 45), (160, 120, 80), (40, 36, 36), (150, 146, 140), (196, 160, 110)]
CLOTHES = [(44, 72, 120), (95, 60, 90), (52, 98, 86), (120, 62, 52), (70, 70, 78), (158, 110, 60)]


def draw_portrait(seed, feminine, size=(600, 750)):
    """A calm placeholder portrait (head and shoulders), different for every seed. JPEG bytes."""
    rng = random.Random(seed)
    scale = 2  # draw large, then shrink: smooth edges without an antialiasing library
    width, height = size[0] * scale, size[1] * scale
    top, bottom = rng.choice(PALETTES)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    skin, hair, clothes = rng.choice(SKIN), rng.choice(HAIR), rng.choice(CLOTHES)
    cx = width // 2 + rng.randint(-20, 20) * scale
    head_w, head_h = rng.randint(88, 100) * scale, rng.randint(112, 124) * scale
    head_cy = int(height * 0.36)
    long_hair = feminine and rng.random() < 0.65
    if long_hair:  # hair behind the head and down to the shoulders
        draw.rounded_rectangle(
            [
                cx - head_w - 18 * scale,
                head_cy - head_h,
                cx + head_w + 18 * scale,
                head_cy + head_h + 90 * scale,
            ],
            radius=90 * scale,
            fill=hair,
        )
    # Shoulders and neck.
    draw.ellipse(
        [cx - 250 * scale, int(height * 0.66), cx + 250 * scale, int(height * 1.25)], fill=clothes
    )
    draw.rectangle(
        [cx - 38 * scale, head_cy + head_h - 30 * scale, cx + 38 * scale, int(height * 0.7)],
        fill=skin,
    )
    if rng.random() < 0.5:  # a shirt collar
        draw.polygon(
            [
                (cx - 60 * scale, int(height * 0.68)),
                (cx, int(height * 0.78)),
                (cx + 60 * scale, int(height * 0.68)),
            ],
            fill=(245, 245, 245),
        )
    draw.ellipse([cx - head_w, head_cy - head_h, cx + head_w, head_cy + head_h], fill=skin)
    # Hair on top: a cap, sometimes with a bun.
    draw.chord(
        [
            cx - head_w - 6 * scale,
            head_cy - head_h - 12 * scale,
            cx + head_w + 6 * scale,
            head_cy + head_h * 0.35,
        ],
        start=180,
        end=360,
        fill=hair,
    )
    if feminine and not long_hair and rng.random() < 0.6:
        draw.ellipse(
            [
                cx - 42 * scale,
                head_cy - head_h - 70 * scale,
                cx + 42 * scale,
                head_cy - head_h + 10 * scale,
            ],
            fill=hair,
        )
    if rng.random() < 0.4:  # glasses
        eye_y = head_cy + 10 * scale
        for dx in (-38, 38):
            draw.ellipse(
                [
                    cx + (dx - 26) * scale,
                    eye_y - 20 * scale,
                    cx + (dx + 26) * scale,
                    eye_y + 20 * scale,
                ],
                outline=(50, 50, 60),
                width=5 * scale,
            )
        draw.line(
            [(cx - 12 * scale, eye_y), (cx + 12 * scale, eye_y)], fill=(50, 50, 60), width=5 * scale
        )
    image = image.resize(size, Image.Resampling.LANCZOS).filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def _terms(model, slugs):
    return list(model.objects.filter(slug__in=slugs))


def ensure_accounts(command):
    User = get_user_model()
    users = {}
    for username, last, first, middle, role in ACCOUNTS:
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
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            command.created(f"учётная запись {username} (пароль {DEMO_PASSWORD})")
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


def load(command, home):
    _board, created = ensure_child_page(
        home,
        HonourBoardPage,
        "doska-pochyota",
        title="Доска почёта",
        intro=BOARD_INTRO,
        criteria=BOARD_CRITERIA,
    )
    if created:
        command.created("доска почёта")

    municipalities = {}
    for name in MUNICIPALITIES:
        municipalities[name], created = Municipality.objects.get_or_create(
            name=name, defaults={"slug": translit_slug(name)}
        )
        if created:
            command.created(f"муниципалитет {name}")
    organisations = {}
    for full, short, municipality in ORGANISATIONS:
        organisations[short], created = Organisation.objects.get_or_create(
            short_name=short,
            municipality=municipalities[municipality],
            defaults={"name": full},
        )
        if created:
            command.created(f"организация {short}")

    subjects = {t.slug: t for t in Subject.objects.all()}
    competencies = {t.slug: t for t in Competency.objects.all()}
    levels = {t.slug: t for t in EducationLevel.objects.all()}
    forms = {t.slug: t for t in MentoringForm.objects.all()}

    for (
        last,
        first,
        middle,
        position,
        org_short,
        since,
        subject_slugs,
        competency_slugs,
        level_slugs,
        form_slugs,
        story,
        awards,
    ) in MENTORS:
        organisation = organisations[org_short]
        slug = translit_slug(f"{last} {first} {middle}")
        profile, created = MentorProfile.objects.get_or_create(
            slug=slug,
            defaults={
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "position": position,
                "organisation": organisation,
            },
        )
        if created:
            command.created(f"наставник {last} {first}")
        if created or (profile.teaching_since is None and not profile.story):
            # First time this profile meets issue #7's fields: fill them, draw a portrait, once.
            # Later runs leave the profile to its mentor (a removed photo stays removed).
            profile.teaching_since = since
            profile.story = story
            if profile.photo_id is None:
                feminine = middle.endswith(("вна", "чна"))
                content = ContentFile(draw_portrait(slug, feminine), name=f"mentor-{slug}.jpg")
                content.image_size = (600, 750)
                profile.photo = save_photo(content, title=profile.full_name)
                command.created(f"портрет {last} {first}")
            profile.save()
            profile.subjects.add(*[subjects[s] for s in subject_slugs if s in subjects])
            profile.competencies.add(
                *[competencies[s] for s in competency_slugs if s in competencies]
            )
            profile.education_levels.add(*[levels[s] for s in level_slugs if s in levels])
            profile.mentoring_forms.add(*[forms[s] for s in form_slugs if s in forms])
        for title, level, year in awards:
            issuer = {
                S: ISSUERS[org_short],
                M: MUNICIPAL_ISSUERS[organisation.municipality.name],
                R: REGIONAL_ISSUERS.get(organisation.municipality.name, REGIONAL_ISSUER),
                F: FEDERAL_ISSUER,
            }[level]
            _award, created = Award.objects.get_or_create(
                profile=profile,
                title=title,
                year=year,
                defaults={"level": level, "issuer": issuer, "citation": CITATIONS[title]},
            )
            if created:
                command.created(f"награда {last}: {title}, {year}")

    users = ensure_accounts(command)
    username, slug = LINKED_PROFILE
    user = users[username]
    if not MentorProfile.objects.filter(user=user).exists():
        updated = MentorProfile.objects.filter(slug=slug, user__isnull=True).update(user=user)
        if updated:
            command.created(f"{username} связан с профилем {slug}")
