"""Demo content of the mentoring app: municipalities, organisations, mentors, the honour board."""

from mentoring.models import HonourBoardPage, MentorProfile, Municipality, Organisation
from portal.demo import ensure_child_page, translit_slug

MUNICIPALITIES = ["Московский район", "Фрунзенский район", "Городской округ Серпухов"]

ORGANISATIONS = [
    ("ГБОУ СОШ № 373 «Экономическая школа»", "Школа № 373", "Московский район"),
    ("ГБОУ гимназия № 524", "Гимназия № 524", "Московский район"),
    ("ГБДОУ детский сад № 41", "Детский сад № 41", "Фрунзенский район"),
    ("МОУ «Средняя общеобразовательная школа № 2»", "СОШ № 2", "Городской округ Серпухов"),
    ("ГБПОУ «Колледж информационных технологий»", "Колледж ИТ", "Фрунзенский район"),
    ("ИМЦ Московского района", "ИМЦ Московского района", "Московский район"),
]

MENTORS = [
    ("Смирнова", "Елена", "Викторовна", "учитель русского языка и литературы", "Школа № 373"),
    ("Кузнецов", "Андрей", "Павлович", "учитель математики", "Гимназия № 524"),
    ("Иванова", "Ольга", "Сергеевна", "старший воспитатель", "Детский сад № 41"),
    ("Петрова", "Наталья", "Игоревна", "учитель начальных классов", "СОШ № 2"),
    ("Морозов", "Дмитрий", "Александрович", "преподаватель спецдисциплин", "Колледж ИТ"),
    ("Волкова", "Мария", "Андреевна", "методист", "ИМЦ Московского района"),
]


def load(command, home):
    ensure_child_page(
        home,
        HonourBoardPage,
        "doska-pochyota",
        title="Доска почёта",
        intro="<p>Наставники района, отмеченные наградами и признанием коллег.</p>",
    )
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
    for last, first, middle, position, organisation in MENTORS:
        slug = translit_slug(f"{last} {first} {middle}")
        _profile, created = MentorProfile.objects.get_or_create(
            slug=slug,
            defaults={
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "position": position,
                "organisation": organisations[organisation],
            },
        )
        if created:
            command.created(f"наставник {last} {first}")
