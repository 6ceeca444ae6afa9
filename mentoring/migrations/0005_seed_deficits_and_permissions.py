"""Seed the taxonomy of professional deficits and grant the programme's permissions.

The deficits are those the programme documents survey young teachers about
(«Какие профессиональные навыки вы хотели бы развить»): each names the
competencies of the practice bank that answer it, which is what matching
compares with a mentor's expertise.

Methodists run programmes in the admin; nobody edits the export log, methodists
and administrators read it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# slug, name, description, competencies (practices' slugs) that answer it
DEFICITS = [
    ("provedenie-uroka", "Планирование и проведение урока", "Цели урока, структура, темп, смена видов деятельности, работа по технологической карте.", ["planirovanie-uroka"]),
    ("disciplina", "Дисциплина и управление классом", "Правила класса, внимание учеников, трудное поведение, конфликты на уроке.", ["upravlenie-klassom"]),
    ("rabota-s-roditelyami", "Работа с родителями", "Первое родительское собрание, трудный разговор, переписка в мессенджерах, вовлечение семьи.", ["vzaimodejstvie-s-roditelyami"]),
    ("klassnoe-rukovodstvo", "Классное руководство", "План воспитательной работы, классные часы, сплочение коллектива, работа с группой риска.", ["vospitatelnaya-rabota"]),
    ("ocenivanie", "Оценивание образовательных результатов", "Критерии, формирующее оценивание, обратная связь ученикам, подготовка к ОГЭ и ЕГЭ.", ["ocenivanie"]),
    ("ikt", "Использование ИКТ и цифровых ресурсов", "ФГИС «Моя школа», электронный журнал, интерактивные задания, дистанционный урок.", ["cifrovye-tehnologii"]),
    ("inklyuziya", "Инклюзия: обучение детей с ОВЗ", "Адаптированные программы, индивидуальный подход, взаимодействие с тьютором и психологом.", ["inklyuziya"]),
    ("dokumentaciya", "Ведение документации", "Рабочая программа, КТП, электронный журнал, отчёты — без потери времени.", ["dokumentaciya"]),
    ("funkcionalnaya-gramotnost", "Формирование функциональной грамотности", "Читательская, математическая, естественнонаучная грамотность; задания в формате PISA.", ["funkcionalnaya-gramotnost"]),
    ("proektnaya-deyatelnost", "Проектная и исследовательская деятельность учеников", "Индивидуальный проект, руководство исследованием, подготовка к конференции.", ["proektnaya-deyatelnost"]),
    ("odarennye-deti", "Работа с одарёнными детьми", "Олимпиадная подготовка, задания повышенной сложности, индивидуальные маршруты.", ["odarennye-deti"]),
    ("adaptaciya", "Адаптация в коллективе", "Традиции школы, кому задать вопрос, распределение нагрузки, первые месяцы работы.", ["adaptaciya"]),
    ("vygoranie", "Профилактика выгорания, саморегуляция", "Баланс нагрузки, стресс перед открытым уроком, восстановление сил.", ["samoregulyaciya"]),
    ("attestaciya", "Подготовка к аттестации и конкурсам профессионального мастерства", "Портфолио, открытое занятие, участие в конкурсах молодых педагогов.", ["refleksiya", "nastavnicheskaya-kompetentnost"]),
]

GRANTS = {
    "Методист": {
        "programme": ["add", "change", "view"],
        "professionaldeficit": ["add", "change", "delete", "view"],
        "menteerequest": ["change", "view"],
        "mentorpoolentry": ["add", "change", "delete", "view"],
        "pair": ["change", "view"],
        "survey": ["add", "change", "delete", "view"],
        "exportlog": ["view"],
    },
    "Администратор": {
        "programme": ["add", "change", "delete", "view"],
        "professionaldeficit": ["add", "change", "delete", "view"],
        "menteerequest": ["change", "delete", "view"],
        "mentorpoolentry": ["add", "change", "delete", "view"],
        "pair": ["change", "delete", "view"],
        "survey": ["add", "change", "delete", "view"],
        "exportlog": ["view"],
    },
}


def seed(apps, schema_editor):
    Deficit = apps.get_model("mentoring", "ProfessionalDeficit")
    Competency = apps.get_model("practices", "Competency")
    for order, (slug, name, description, competencies) in enumerate(DEFICITS):
        deficit, _created = Deficit.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
        deficit.competencies.add(*Competency.objects.filter(slug__in=competencies))

    # Permissions of new models only appear after post_migrate; create them now.
    app_config = apps.get_app_config("mentoring")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for model, actions in models.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="mentoring",
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


def unseed(apps, schema_editor):
    apps.get_model("mentoring", "ProfessionalDeficit").objects.filter(
        slug__in=[slug for slug, *_rest in DEFICITS]
    ).delete()
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    models = {model for grants in GRANTS.values() for model in grants}
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="mentoring", content_type__model__in=models)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0004_programme"),
        ("practices", "0002_seed_taxonomies"),
        ("portal", "0003_roles"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
