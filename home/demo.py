"""Demo content of the home app: the home page, the site, the footer, «О портале»."""

from wagtail.models import Page, Site

from home.models import HomePage, StandardPage
from portal.demo import ensure_child_page
from portal.models import FooterSettings

ABOUT_BODY = [
    {
        "type": "paragraph",
        "value": (
            "<p>Наставник.Портал объединяет педагогов-наставников, молодых специалистов и методистов "
            "района. Здесь собран банк эффективных наставнических практик, работают неформальные "
            "профессиональные сообщества и онлайн-лаборатории, публикуется календарь интенсивов, "
            "семинаров, фестивалей и форумов.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Пять форм наставничества", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Портал построен на целевой модели наставничества: «ученик – ученик», «учитель – учитель», "
            "«студент – ученик», «работодатель – ученик» и «работодатель – студент», а также групповое "
            "наставничество.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Как устроена программа", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ol><li>Формирование базы наставляемых: запросы и профессиональные дефициты.</li>"
            "<li>Формирование базы наставников: опыт, компетенции, готовность.</li>"
            "<li>Отбор и обучение наставников.</li>"
            "<li>Формирование пар и групп, индивидуальный план развития.</li>"
            "<li>Организация работы пар: дневник наставника, встречи, обратная связь.</li>"
            "<li>Завершение: презентация результатов, фестиваль практик.</li>"
            "<li>Мотивация и поощрение: конкурс «Лучший наставник года», доска почёта.</li></ol>"
        ),
    },
    {
        "type": "quote",
        "value": {
            "text": "Наставничество — универсальная технология передачи опыта и знаний, "
            "формирования навыков и компетенций.",
            "author": "Из методических рекомендаций по внедрению целевой модели наставничества",
        },
    },
]


def load(command):
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's own «Welcome» page stands where the home page belongs.
        for page in root.get_children().filter(slug="home"):
            if page.specific_class is Page:
                page.delete()
        home = HomePage(
            title="Наставник.Портал",
            slug="home",
            lead="Банк наставнических практик, профессиональные сообщества, мероприятия и доска почёта "
            "наставников — в одном месте.",
            intro="<p>Для педагогов-наставников, молодых специалистов и методистов: находите проверенные "
            "методы, присоединяйтесь к онлайн-лабораториям, записывайтесь на интенсивы.</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        command.created("главная страница")

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Наставник.Портал",
        )
        command.created("сайт")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Наставник.Портал"
        site.save()

    footer = FooterSettings.for_site(site)
    if not footer.organisation:
        footer.organisation = "Информационно-методический центр района"
        footer.about = "<p>Портал сети наставников: практики, сообщества, мероприятия и программа наставничества.</p>"
        footer.address = "196105, Санкт-Петербург, ул. Примерная, д. 1"
        footer.email = "nastavnik@example.org"
        footer.phone = "+7 (812) 000-00-00"
        footer.save()
        command.created("подвал сайта")

    _about, created = ensure_child_page(
        home,
        StandardPage,
        "o-portale",
        title="О портале",
        intro="Зачем нужен портал и как устроена программа наставничества.",
        body=ABOUT_BODY,
    )
    if created:
        command.created("страница «О портале»")
    return home
