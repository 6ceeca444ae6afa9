"""A mentor's public profile: who they are, their awards by year, and their work gathered
through the other apps' listing functions (practices_by_author, communities_moderated_by,
events_led_by)."""

import datetime as dt
import re

from django.utils import timezone

import pytest

from communities.listings import communities_moderated_by
from communities.models import CommunityIndexPage, CommunityPage
from events.listings import events_led_by
from events.models import EventIndexPage, EventPage, EventType
from mentoring import work
from mentoring.models import AwardLevel
from practices.listings import practices_by_author
from practices.models import (
    Competency,
    EducationLevel,
    MentoringForm,
    PracticeIndexPage,
    PracticePage,
    Subject,
)
from tests.mentoring.factories import AwardFactory, MentorProfileFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(board, mentor_user):
    profile = MentorProfileFactory(
        user=mentor_user,
        last_name="Смирнова",
        first_name="Елена",
        middle_name="Викторовна",
        slug="smirnova-elena-viktorovna",
        position="учитель русского языка и литературы",
        teaching_since=timezone.localdate().year - 28,
        story="Двадцать пять лет в школе.\n\nПомогаю выстроить первый урок & не бояться <класса>.",
        photo=PhotoFactory(),
        subjects=[Subject.objects.get(slug="russkij-yazyk")],
        competencies=[Competency.objects.get(slug="planirovanie-uroka")],
    )
    profile.education_levels.add(EducationLevel.objects.get(slug="ooo"))
    profile.mentoring_forms.add(MentoringForm.objects.get(slug="uchitel-uchitel"))
    AwardFactory(
        profile=profile,
        title="Значок «Педагог-наставник»",
        level=AwardLevel.SCHOOL,
        year=2021,
        citation="",
    )
    AwardFactory(
        profile=profile,
        title="Победитель конкурса «Лучший наставник года»",
        level=AwardLevel.MUNICIPAL,
        year=2022,
        issuer="Администрация Московского района",
    )
    AwardFactory(
        profile=profile,
        title="Почётная грамота Комитета",
        level=AwardLevel.REGIONAL,
        year=2024,
        citation="За вклад в систему наставничества.",
    )
    return profile


@pytest.fixture
def section_pages(site_home):
    practices = PracticeIndexPage(title="Банк практик", slug="praktiki")
    communities = CommunityIndexPage(title="Сообщества", slug="soobshchestva")
    events = EventIndexPage(title="Мероприятия", slug="meropriyatiya")
    for page in (practices, communities, events):
        site_home.add_child(instance=page)
    return practices, communities, events


def make_practices(index, count, start=0):
    form = MentoringForm.objects.get(slug="uchitel-uchitel")
    pages = []
    for number in range(start, start + count):
        page = PracticePage(
            title=f"Практика № {number:02d}",
            slug=f"praktika-{number}",
            summary=f"Краткое описание {number}",
            problem="Молодому педагогу трудно планировать урок.",
            participants="пары «наставник — молодой педагог»",
            duration="учебный год",
            results="<p>Все молодые педагоги остались в школе.</p>",
            mentoring_form=form,
        )
        index.add_child(instance=page)
        pages.append(page)
    return pages


def make_communities(index, count):
    pages = []
    for number in range(count):
        page = CommunityPage(
            title=f"Сообщество № {number:02d}",
            slug=f"soobshchestvo-{number}",
            purpose="Взаимная поддержка",
        )
        index.add_child(instance=page)
        pages.append(page)
    return pages


def make_events(index, count, first=0):
    kind = EventType.objects.get(slug="intensiv")
    start = timezone.make_aware(dt.datetime(2026, 3, 10, 10, 0))
    pages = []
    for number in range(first, first + count):
        page = EventPage(
            title=f"Интенсив № {number:02d}",
            slug=f"intensiv-{number}",
            event_type=kind,
            starts_at=start + dt.timedelta(days=number),
            ends_at=start + dt.timedelta(days=number, hours=3),
            summary="Для молодых педагогов",
            venue="ИМЦ Московского района",
        )
        index.add_child(instance=page)
        pages.append(page)
    return pages


@pytest.fixture
def gathered(monkeypatch, section_pages):
    """Point the listing functions at known pages; remember what they were asked."""
    practices_index, communities_index, events_index = section_pages
    calls = {}
    store = {
        "practices": make_practices(practices_index, 2),
        "communities": make_communities(communities_index, 1),
        "events": make_events(events_index, 3),
    }

    def listing(kind, model):
        def function(arg):
            calls[kind] = arg
            return model.objects.filter(pk__in=[page.pk for page in store[kind]])

        return function

    monkeypatch.setattr(work, "practices_by_author", listing("practices", PracticePage))
    monkeypatch.setattr(work, "communities_moderated_by", listing("communities", CommunityPage))
    monkeypatch.setattr(work, "events_led_by", listing("events", EventPage))
    return store, calls


def test_profile_shows_who_the_mentor_is(client, profile):
    response = client.get("/mentoring/nastavniki/smirnova-elena-viktorovna/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Смирнова Елена Викторовна</h1>" in html
    assert profile.organisation.name in html and profile.municipality.name in html
    assert "Педагогический стаж, лет</dt><dd>28 " in html
    assert 'class="mentor-photo mentor-photo--profile"' in html
    assert 'alt="Смирнова Елена Викторовна"' in html
    for term in [
        "Русский язык и литература",
        "Планирование и проведение урока (занятия)",
        "ООО",
        "учитель – учитель",
    ]:
        assert term in html
    # The story keeps its paragraphs and stays escaped.
    assert "<p>Двадцать пять лет в школе.</p>" in html
    assert "&amp; не бояться &lt;класса&gt;" in html
    assert 'href="/doska-pochyota/">Доска почёта</a>' in html


def test_awards_are_grouped_by_year_newest_first(client, profile):
    html = client.get(profile.get_absolute_url()).content.decode()
    years = re.findall(r'<h3 class="award-years__title">(\d{4})</h3>', html)
    assert years == ["2024", "2022", "2021"]
    assert (
        html.index("Почётная грамота Комитета")
        < html.index("Лучший наставник года")
        < html.index("Педагог-наставник")
    )
    assert 'badge--level-regional">региональный<' in html
    assert "Администрация Московского района" in html
    assert "За вклад в систему наставничества." in html


def test_unknown_profile_is_404(client, board):
    assert client.get("/mentoring/nastavniki/net-takogo/").status_code == 404


def test_profile_shows_the_work_the_listing_functions_return(client, profile, gathered):
    store, calls = gathered
    html = client.get(profile.get_absolute_url()).content.decode()
    assert calls == {"practices": profile, "communities": profile.user, "events": profile}
    for page in store["practices"] + store["communities"] + store["events"]:
        assert f'href="{page.url}">{page.title}</a>' in html
    assert "Краткое описание 1" in html and "учитель – учитель" in html
    assert "Образовательный интенсив" in html and "10 марта 2026" in html
    # Newest events first.
    assert html.index("Интенсив № 02") < html.index("Интенсив № 00")
    assert 'Практики в банке <span class="count">(2)</span>' in html
    for empty in [
        "Опубликованных практик наставника пока нет",
        "не модерирует сообщества",
        "Мероприятий, которые наставник организовал",
    ]:
        assert empty not in html


def test_long_lists_are_capped_and_counted(client, profile, monkeypatch, section_pages):
    practices = make_practices(section_pages[0], work.WORK_LIMIT + 3)
    monkeypatch.setattr(
        work,
        "practices_by_author",
        lambda p: PracticePage.objects.filter(pk__in=[x.pk for x in practices]),
    )
    html = client.get(profile.get_absolute_url()).content.decode()
    assert html.count('class="work-list__title"') == work.WORK_LIMIT
    assert f"({work.WORK_LIMIT + 3})" in html
    assert "И ещё практик: 3." in html


def test_honest_empty_states(client, profile):
    html = client.get(profile.get_absolute_url()).content.decode()
    assert "Опубликованных практик наставника пока нет." in html
    assert "Наставник пока не модерирует сообщества на портале." in html
    assert "Мероприятий, которые наставник организовал или на которых выступал, пока нет." in html


def test_mentor_without_account_moderates_nothing_and_has_no_awards_yet(client, board, monkeypatch):
    asked = []
    monkeypatch.setattr(work, "communities_moderated_by", lambda user: asked.append(user))
    profile = MentorProfileFactory(user=None)
    html = client.get(profile.get_absolute_url()).content.decode()
    assert asked == []
    assert "Наград пока нет" in html
    assert "не модерирует сообщества" in html


def test_profile_shows_exactly_what_the_real_listing_functions_return(client, profile):
    """The contract, unpatched: whatever the owners' functions return is what the profile lists.

    Until the practices, communities and events apps implement them, they return nothing and the
    profile shows its empty states; after the merge this checks the real gathering.
    """
    html = client.get(profile.get_absolute_url()).content.decode()
    for items in (
        practices_by_author(profile),
        communities_moderated_by(profile.user),
        events_led_by(profile),
    ):
        for page in list(items)[: work.WORK_LIMIT]:
            assert page.title in html
    if not practices_by_author(profile).exists():
        assert "Опубликованных практик наставника пока нет." in html


def test_owner_and_methodist_see_their_actions(client, profile, methodist, make_user):
    url = profile.get_absolute_url()
    assert "Редактировать профиль" not in client.get(url).content.decode()
    client.force_login(profile.user)
    html = client.get(url).content.decode()
    assert 'href="/mentoring/moj-profil/">Редактировать профиль' in html
    assert "Добавить награду" not in html
    client.force_login(make_user("other-mentor", roles=["Наставник"]))
    assert "Редактировать профиль" not in client.get(url).content.decode()
    client.force_login(methodist)
    html = client.get(url).content.decode()
    assert f'href="/admin/snippets/mentoring/award/add/?profile={profile.pk}"' in html


def test_profile_queries_stay_constant(
    client, profile, gathered, section_pages, monkeypatch, django_assert_max_num_queries
):
    url = profile.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    few_count = len(few)
    store, _calls = gathered
    store["practices"] += make_practices(section_pages[0], 20, start=2)
    store["events"] += make_events(section_pages[2], 20, first=3)
    for year in range(2000, 2020):
        AwardFactory(profile=profile, year=year)
    profile.subjects.add(*Subject.objects.all())
    profile.competencies.add(*Competency.objects.all())
    client.get(url)
    with django_assert_max_num_queries(few_count + 2) as many:  # + the counts of overflowing lists
        client.get(url)
    assert len(many) <= few_count + 2
