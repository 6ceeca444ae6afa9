"""Demo content of the communities app."""

from communities.models import CommunityIndexPage, CommunityPage
from portal.demo import ensure_child_page, translit_slug

COMMUNITIES = [
    (
        "Онлайн-лаборатория педагогов-наставников",
        "Площадка наставников района для разработки и обсуждения наставнических практик, "
        "диалоговых площадок и образовательных интенсивов.",
    ),
    (
        "Клуб молодых педагогов",
        "Неформальное сообщество педагогов первых трёх лет работы: взаимная поддержка, "
        "разбор трудных ситуаций, открытые уроки.",
    ),
]


def load(command, home):
    index, _created = ensure_child_page(
        home,
        CommunityIndexPage,
        "soobshchestva",
        title="Профессиональные сообщества",
        intro="<p>Неформальные профессиональные сообщества и онлайн-лаборатории педагогов.</p>",
    )
    for title, purpose in COMMUNITIES:
        _page, created = ensure_child_page(
            index, CommunityPage, translit_slug(title), title=title, purpose=purpose
        )
        if created:
            command.created(f"сообщество «{title}»")
