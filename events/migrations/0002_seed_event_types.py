"""The kinds of events mentoring programmes actually hold (from the programme documents)."""

from django.db import migrations

TYPES = [
    ("ustanovochnaya-sessiya", "Установочная сессия"),
    ("intensiv", "Образовательный интенсив"),
    ("seminar", "Семинар"),
    ("master-klass", "Мастер-класс"),
    ("kruglyj-stol", "Круглый стол"),
    ("festival", "Фестиваль (открытых уроков, практик)"),
    ("forum", "Форум"),
    ("konkurs", "Конкурс"),
    ("aukcion-idej", "Аукцион педагогических идей"),
]


def seed(apps, schema_editor):
    EventType = apps.get_model("events", "EventType")
    for order, (slug, name) in enumerate(TYPES):
        EventType.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
