"""The real values of the practice taxonomies: the national target model of mentoring
(five forms plus group mentoring), the levels of Russian education, subject areas and
the professional competencies young teachers most often ask help with."""

from django.db import migrations

FORMS = [
    ("uchenik-uchenik", "ученик – ученик", "У–У", "Взаимодействие обучающихся: более успешный или опытный ученик помогает другому в учёбе, адаптации, проектах."),
    ("uchitel-uchitel", "учитель – учитель", "Уч–Уч", "Опытный педагог сопровождает молодого специалиста или коллегу, осваивающего новое."),
    ("student-uchenik", "студент – ученик", "С–У", "Студент колледжа или вуза помогает школьнику в учёбе, профориентации, проектах."),
    ("rabotodatel-uchenik", "работодатель – ученик", "Р–У", "Представитель предприятия знакомит школьника с профессией, ведёт его проект."),
    ("rabotodatel-student", "работодатель – студент", "Р–С", "Специалист предприятия сопровождает студента на практике и в начале профессионального пути."),
    ("gruppovoe", "групповое наставничество", "Группа", "Один наставник или команда наставников работает с группой наставляемых."),
]

LEVELS = [
    ("dou", "Дошкольное образование", "ДОУ"),
    ("noo", "Начальное общее образование", "НОО"),
    ("ooo", "Основное общее образование", "ООО"),
    ("soo", "Среднее общее образование", "СОО"),
    ("spo", "Среднее профессиональное образование", "СПО"),
    ("do", "Дополнительное образование", "ДО"),
]

SUBJECTS = [
    ("russkij-yazyk", "Русский язык и литература"),
    ("matematika", "Математика"),
    ("informatika", "Информатика"),
    ("fizika", "Физика"),
    ("himiya", "Химия"),
    ("biologiya", "Биология"),
    ("istoriya", "История и обществознание"),
    ("geografiya", "География"),
    ("inostrannyj-yazyk", "Иностранный язык"),
    ("nachalnye-klassy", "Начальные классы"),
    ("doshkolnoe", "Дошкольное воспитание"),
    ("fizkultura", "Физическая культура"),
    ("iskusstvo", "Искусство (музыка, ИЗО)"),
    ("tehnologiya", "Технология"),
    ("obzr", "Основы безопасности и защиты Родины"),
    ("vospitanie", "Воспитательная работа и классное руководство"),
    ("psihologiya", "Психолого-педагогическое сопровождение"),
    ("upravlenie", "Управление образованием и методическая работа"),
    ("professionalnoe", "Профессиональное обучение (СПО)"),
]

COMPETENCIES = [
    ("planirovanie-uroka", "Планирование и проведение урока (занятия)"),
    ("upravlenie-klassom", "Управление классом и дисциплина"),
    ("ocenivanie", "Оценивание и формирующее оценивание"),
    ("funkcionalnaya-gramotnost", "Формирование функциональной грамотности"),
    ("cifrovye-tehnologii", "Цифровые образовательные технологии"),
    ("proektnaya-deyatelnost", "Проектная и исследовательская деятельность"),
    ("vospitatelnaya-rabota", "Воспитательная работа"),
    ("vzaimodejstvie-s-roditelyami", "Взаимодействие с родителями"),
    ("inklyuziya", "Работа с детьми с ОВЗ, инклюзия"),
    ("odarennye-deti", "Работа с одарёнными детьми"),
    ("proforientaciya", "Профориентация"),
    ("dokumentaciya", "Ведение документации"),
    ("samoregulyaciya", "Саморегуляция и профилактика выгорания"),
    ("refleksiya", "Рефлексия и самообразование"),
    ("nastavnicheskaya-kompetentnost", "Наставническая компетентность"),
    ("adaptaciya", "Адаптация в коллективе"),
]


def seed(apps, schema_editor):
    MentoringForm = apps.get_model("practices", "MentoringForm")
    EducationLevel = apps.get_model("practices", "EducationLevel")
    Subject = apps.get_model("practices", "Subject")
    Competency = apps.get_model("practices", "Competency")
    for order, (slug, name, short, description) in enumerate(FORMS):
        MentoringForm.objects.update_or_create(
            slug=slug, defaults={"name": name, "short_name": short, "description": description, "sort_order": order}
        )
    for order, (slug, name, short) in enumerate(LEVELS):
        EducationLevel.objects.update_or_create(
            slug=slug, defaults={"name": name, "short_name": short, "sort_order": order}
        )
    for model, values in [(Subject, SUBJECTS), (Competency, COMPETENCIES)]:
        for order, (slug, name) in enumerate(values):
            model.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
