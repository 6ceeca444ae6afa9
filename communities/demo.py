"""Demo content of the communities app: communities, people, channels and discussions.

Idempotent: people are found by username (another app's demo may create the
same accounts; the password is set only on creation), memberships by
(community, user), channels by slug, and a channel's messages are written only
when the channel itself is created.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from communities.membership import refresh_members_count
from communities.messaging import mentioned_usernames
from communities.models import (
    Channel,
    CommunityIndexPage,
    CommunityPage,
    Membership,
    MembershipPolicy,
    MembershipRole,
    MembershipStatus,
    Mention,
    Message,
)
from portal import roles
from portal.demo import ensure_child_page, translit_slug

DEMO_PASSWORD = "demo12345"  # noqa: S105 — documented demo accounts

PEOPLE = {
    # username: (last, first, middle, role)
    "moderator": ("Быкова", "Ольга", "Владимировна", roles.MODERATOR),
    "metodist": ("Волкова", "Мария", "Андреевна", roles.METHODIST),
    "nastavnik1": ("Смирнова", "Елена", "Викторовна", roles.MENTOR),
    "nastavnik2": ("Кузнецов", "Андрей", "Павлович", roles.MENTOR),
    "nastavnik3": ("Иванова", "Ольга", "Сергеевна", roles.MENTOR),
    "pedagog1": ("Соколова", "Анна", "Дмитриевна", roles.TEACHER),
    "pedagog2": ("Лебедев", "Никита", "Игоревич", roles.TEACHER),
    "pedagog3": ("Орлова", "Дарья", "Алексеевна", roles.TEACHER),
}

LAB = "Онлайн-лаборатория педагогов-наставников"
CLUB = "Клуб молодых педагогов"
DOU = "Мастерская наставников дошкольного образования"

COMMUNITIES = [
    {
        "title": LAB,
        "purpose": "Площадка наставников района для разработки и обсуждения наставнических практик, "
        "диалоговых площадок и образовательных интенсивов.",
        "description": "<p>Лаборатория выросла из проекта «Траектория развития»: наставники школ района "
        "вместе проектируют практики, обмениваются опытом реализации целевой модели наставничества "
        "и готовят материалы для банка эффективных практик.</p>"
        "<ul><li>онлайн-встречи раз в месяц;</li><li>образовательные интенсивы не реже раза в полугодие;</li>"
        "<li>совместная подготовка к конкурсу «Лучший наставник года».</li></ul>",
        "policy": MembershipPolicy.OPEN,
        "moderators": ["moderator", "nastavnik1"],
        "members": ["nastavnik2", "nastavnik3", "pedagog1", "metodist"],
    },
    {
        "title": CLUB,
        "purpose": "Неформальное сообщество педагогов первых трёх лет работы: взаимная поддержка, "
        "разбор трудных ситуаций, открытые уроки.",
        "description": "<p>Здесь молодые специалисты задают вопросы, которые неловко задать на педсовете, "
        "а наставники отвечают без оценок. Раз в четверть — открытые уроки и их разбор.</p>",
        "policy": MembershipPolicy.OPEN,
        "moderators": ["moderator"],
        "members": ["pedagog1", "pedagog2", "pedagog3", "nastavnik1", "nastavnik2"],
    },
    {
        "title": DOU,
        "purpose": "Закрытая мастерская наставников детских садов: персонализированные программы "
        "наставничества, банк наставляемых и наставников, сопровождение молодых воспитателей.",
        "description": "<p>Участников принимает модератор: мастерская работает с материалами "
        "персонализированных программ и дневниками наставников, поэтому каналы видят только "
        "участники.</p>",
        "policy": MembershipPolicy.BY_REQUEST,
        "moderators": ["nastavnik3"],
        "members": ["moderator", "nastavnik1"],
        "pending": {
            "pedagog3": "Работаю воспитателем второй год в детском саду № 41, "
            "хочу разобраться, как составить ИОМ вместе с наставником."
        },
    },
]

# Channels: (community, name, description, public, messages)
# A message: (author, text, minutes ago, reply to index or None, pinned)
CHANNELS = [
    (
        LAB,
        "Общий",
        "Объявления лаборатории, знакомство, вопросы обо всём.",
        True,
        [
            (
                "moderator",
                "Коллеги, добро пожаловать в онлайн-лабораторию! Здесь мы обсуждаем практики "
                "наставничества, готовим интенсивы и делимся находками. Правила простые: уважение к коллегам, "
                "без персональных данных обучающихся. План работы на полугодие — в закреплённом сообщении.",
                60 * 24 * 6,
                None,
                False,
            ),
            (
                "moderator",
                "План на полугодие:\n1. Семинар «Внедрение целевой модели наставничества» — "
                "конец сентября.\n2. Образовательный интенсив для пар «наставник — молодой специалист» — ноябрь.\n"
                "3. Сбор практик в банк эффективных практик — постоянно.\n"
                "Методические рекомендации по целевой модели: https://edu.gov.ru/national-project/",
                60 * 24 * 6 - 5,
                None,
                True,
            ),
            (
                "nastavnik2",
                "Здравствуйте! Андрей Павлович, учитель математики, гимназия № 524. "
                "Наставляю двух молодых коллег, форма «учитель — учитель». Рад присоединиться.",
                60 * 24 * 5,
                None,
                False,
            ),
            (
                "pedagog1",
                "Добрый день! Анна Дмитриевна, второй год в школе № 373, наставник — "
                "@nastavnik1. Пришла за идеями, как выстроить ИОМ на второй год.",
                60 * 24 * 5 - 30,
                None,
                False,
            ),
            (
                "nastavnik1",
                "@pedagog1 рада видеть вас здесь! Давайте на следующей встрече пары "
                "посмотрим ваш дневник и выберем два дефицита на полугодие, не больше.",
                60 * 24 * 5 - 45,
                3,
                False,
            ),
            (
                "metodist",
                "Напоминаю: до 15 числа присылайте отчёты по парам — форма в ИМЦ та же, что и в "
                "прошлом году. Вопросы по заполнению пишите сюда, отвечу всем сразу.",
                60 * 24 * 2,
                None,
                False,
            ),
            (
                "nastavnik3",
                "Мария Андреевна, а показатель «доля молодых педагогов, охваченных "
                "наставничеством» считаем от всех педагогов со стажем до трёх лет или только от тех, кто подал запрос?",
                60 * 24 * 2 - 20,
                5,
                False,
            ),
            (
                "metodist",
                "От всех педагогов со стажем до трёх лет на 1 сентября. Запросы — отдельный "
                "показатель, его тоже указывайте.",
                60 * 24 * 2 - 35,
                6,
                False,
            ),
        ],
    ),
    (
        LAB,
        "Практики наставничества",
        "Обсуждаем практики до публикации в банке: замысел, шаги, результаты.",
        True,
        [
            (
                "nastavnik1",
                "Хочу обсудить практику «Педагогическая мастерская»: молодой учитель раз в "
                "две недели проводит фрагмент урока, наставник и ещё один коллега дают обратную связь по "
                "листу наблюдения. Сомневаюсь, не слишком ли часто.",
                60 * 24 * 3,
                None,
                False,
            ),
            (
                "nastavnik2",
                "У нас раз в две недели не выдержали — перешли на раз в месяц, но с "
                "видеозаписью фрагмента. Разбор по видео оказался полезнее: молодой коллега видит себя со стороны.",
                60 * 24 * 3 - 40,
                0,
                False,
            ),
            (
                "nastavnik3",
                "В детском саду делаем так же, только вместо урока — режимный момент. "
                "Лист наблюдения могу выложить, если интересно.",
                60 * 24 * 3 - 70,
                0,
                False,
            ),
            (
                "nastavnik1",
                "@nastavnik3 очень интересно, выложите, пожалуйста! Включу в описание "
                "практики со ссылкой на вас как соавтора.",
                60 * 24 * 3 - 80,
                2,
                False,
            ),
            (
                "moderator",
                "Напоминаю формат описания практики для банка: проблема или дефицит, форма "
                "наставничества, шаги, ресурсы, результаты и подтверждения. Шаблон закрепляю.",
                60 * 24 * 1,
                None,
                True,
            ),
        ],
    ),
    (
        LAB,
        "Интенсивы и диалоговые площадки",
        "Подготовка образовательных интенсивов и диалоговых площадок лаборатории.",
        True,
        [
            (
                "moderator",
                "Начинаем готовить ноябрьский интенсив. Тема-кандидат: «Индивидуальный "
                "образовательный маршрут молодого педагога: от дефицита к результату». Кто готов вести секции?",
                60 * 24 * 4,
                None,
                False,
            ),
            (
                "nastavnik2",
                "Могу взять секцию по математике: разбор типичных затруднений на уроках в "
                "5–6 классах.",
                60 * 24 * 4 - 60,
                0,
                False,
            ),
            (
                "nastavnik1",
                "Беру диалоговую площадку «Наставник и молодой специалист: договориться о "
                "целях». Нужна пара добровольцев для кейса — @pedagog1, поучаствуете?",
                60 * 24 * 4 - 90,
                0,
                False,
            ),
            (
                "pedagog1",
                "Да, с удовольствием, если можно рассказать про наш опыт с ИОМ.",
                60 * 24 * 4 - 120,
                2,
                False,
            ),
        ],
    ),
    (
        LAB,
        "Кухня модераторов",
        "Рабочий канал: видят только участники лаборатории.",
        False,
        [
            (
                "moderator",
                "Коллеги, предлагаю раз в месяц подводить итоги по активности каналов и "
                "выбирать практику месяца для главной страницы портала.",
                60 * 24 * 2,
                None,
                False,
            ),
            (
                "nastavnik1",
                "Поддерживаю. Кандидат на этот месяц — «Педагогическая мастерская», "
                "как только Ольга Сергеевна добавит лист наблюдения.",
                60 * 24 * 2 - 15,
                0,
                False,
            ),
        ],
    ),
    (
        CLUB,
        "Знакомство",
        "Расскажите о себе: где работаете, что преподаёте, чего ждёте от клуба.",
        True,
        [
            (
                "moderator",
                "Привет, клуб! Представьтесь, пожалуйста: имя, школа или детский сад, "
                "предмет и один вопрос, который вас сейчас больше всего волнует.",
                60 * 24 * 7,
                None,
                True,
            ),
            (
                "pedagog2",
                "Никита, учитель информатики, первый год в школе. Больше всего волнует "
                "дисциплина в седьмых классах.",
                60 * 24 * 6,
                0,
                False,
            ),
            (
                "pedagog3",
                "Дарья, воспитатель, второй год. Волнует общение с родителями: как "
                "выстроить доверие с первых встреч.",
                60 * 24 * 5,
                0,
                False,
            ),
            (
                "pedagog1",
                "Анна, русский язык и литература. Хочу научиться планировать так, чтобы не "
                "проверять тетради до полуночи :)",
                60 * 24 * 5 - 10,
                0,
                False,
            ),
        ],
    ),
    (
        CLUB,
        "Трудные ситуации на уроке",
        "Разбираем реальные случаи без оценок и имён обучающихся.",
        True,
        [
            (
                "pedagog2",
                "Ситуация: 7 класс, на практической работе половина класса делает задание, "
                "половина — играет в телефоны. Замечания действуют на пять минут. Что пробовать?",
                60 * 24 * 2,
                None,
                False,
            ),
            (
                "nastavnik2",
                "@pedagog2 попробуйте разбить работу на короткие этапы по 7–10 минут с "
                "видимым результатом на каждом и проверкой в парах. И договоритесь о правиле для телефонов "
                "в начале урока, а не во время.",
                60 * 24 * 2 - 25,
                0,
                False,
            ),
            (
                "nastavnik1",
                "Добавлю: роль «помощника учителя» для тех, кто справился первым. Часто "
                "самые шумные охотно берут эту роль.",
                60 * 24 * 2 - 40,
                0,
                False,
            ),
            (
                "pedagog2",
                "Спасибо! Попробую на этой неделе и напишу, что получилось.",
                60 * 24 * 2 - 60,
                1,
                False,
            ),
            (
                "pedagog2",
                "Отчитываюсь: этапы по 10 минут сработали, телефоны в коробке на столе — "
                "тоже. С ролью помощника пока не получилось, попробую ещё.",
                60 * 3,
                3,
                False,
            ),
        ],
    ),
    (
        CLUB,
        "Открытые уроки",
        "Приглашения на открытые уроки и их разбор.",
        True,
        [
            (
                "pedagog1",
                "Приглашаю на открытый урок литературы в 6 классе: «Образ природы в "
                "рассказе Пришвина». Школа № 373, вторник, третий урок. Наставник — @nastavnik1.",
                60 * 24 * 1,
                None,
                False,
            ),
            (
                "nastavnik1",
                "Приду и возьму с собой лист наблюдения. После урока — короткий разбор "
                "по схеме «что получилось — что изменить — что попробовать».",
                60 * 23,
                0,
                False,
            ),
        ],
    ),
    (
        DOU,
        "Общий",
        "Новости мастерской и вопросы участников.",
        True,
        [
            (
                "nastavnik3",
                "Коллеги, в этом году обновляем банк наставляемых: у кого появились "
                "молодые воспитатели, внесите их запросы до конца месяца.",
                60 * 24 * 3,
                None,
                True,
            ),
            (
                "nastavnik1",
                "У нас двое новых воспитателей, запросы соберу на этой неделе.",
                60 * 24 * 3 - 30,
                0,
                False,
            ),
            (
                "moderator",
                "@nastavnik3 может, сделать общую форму запроса, чтобы формулировки "
                "дефицитов были сопоставимы?",
                60 * 24 * 2,
                0,
                False,
            ),
            ("nastavnik3", "Хорошая идея, подготовлю к пятнице.", 60 * 24 * 2 - 15, 2, False),
        ],
    ),
    (
        DOU,
        "Персонализированные программы",
        "Программы наставничества для молодых воспитателей: обсуждение и образцы.",
        True,
        [
            (
                "nastavnik3",
                "Выкладываю структуру персонализированной программы: цель, дефициты, "
                "задачи на квартал, формы работы (наблюдение, совместное планирование, мастер-класс), "
                "ожидаемые результаты и подпись пары.",
                60 * 24 * 1,
                None,
                False,
            ),
        ],
    ),
]


def _people(command):
    User = get_user_model()
    people = {}
    for username, (last, first, middle, role) in PEOPLE.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                last_name=last,
                first_name=first,
                middle_name=middle,
                email=f"{username}@example.org",
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            command.created(f"учётная запись {username} ({role})")
        user.groups.add(Group.objects.get(name=role))
        people[username] = user
    return people


def _memberships(community, spec, people):
    now = timezone.now()
    joined = now - timedelta(days=30)
    wanted = [(u, MembershipRole.MODERATOR) for u in spec["moderators"]] + [
        (u, MembershipRole.MEMBER) for u in spec["members"]
    ]
    for username, role in wanted:
        Membership.objects.get_or_create(
            community=community,
            user=people[username],
            defaults={
                "role": role,
                "status": MembershipStatus.ACTIVE,
                "requested_at": joined,
                "joined_at": joined,
            },
        )
    for username, note in spec.get("pending", {}).items():
        Membership.objects.get_or_create(
            community=community,
            user=people[username],
            defaults={"status": MembershipStatus.PENDING, "note": note, "requested_at": now},
        )
    refresh_members_count(community.pk)


def _write_messages(channel, items, people):
    now = timezone.now()
    written = []
    for author, text, minutes_ago, reply_index, pinned in items:
        created = now - timedelta(minutes=minutes_ago)
        message = Message.objects.create(
            channel=channel,
            author=people[author],
            text=text,
            created_at=created,
            reply_to=written[reply_index] if reply_index is not None else None,
            is_pinned=pinned,
            pinned_at=created if pinned else None,
            pinned_by=people[author] if pinned else None,
        )
        for username in mentioned_usernames(text):
            if username in people and username != author:
                Mention.objects.create(
                    message=message, user=people[username], created_at=created, seen_at=created
                )
        written.append(message)


def load(command, home):
    index, _created = ensure_child_page(
        home,
        CommunityIndexPage,
        "soobshchestva",
        title="Профессиональные сообщества",
        intro="<p>Неформальные профессиональные сообщества и онлайн-лаборатории педагогов: "
        "вступайте в открытые сообщества одним нажатием, в закрытые — по заявке модератору.</p>",
    )
    people = _people(command)
    communities = {}
    for spec in COMMUNITIES:
        page, created = ensure_child_page(
            index,
            CommunityPage,
            translit_slug(spec["title"]),
            title=spec["title"],
            purpose=spec["purpose"],
            description=spec["description"],
            membership_policy=spec["policy"],
        )
        if created:
            command.created(f"сообщество «{spec['title']}»")
        _memberships(page, spec, people)
        communities[spec["title"]] = page
    for order, (title, name, description, public, items) in enumerate(CHANNELS):
        community = communities[title]
        channel, created = Channel.objects.get_or_create(
            community=community,
            slug=translit_slug(name),
            defaults={
                "name": name,
                "description": description,
                "is_public": public,
                "sort_order": order,
                "created_by": people[items[0][0]],
            },
        )
        if created:
            _write_messages(channel, items, people)
            command.created(f"канал «{name}» в «{title}» ({len(items)} сообщений)")
