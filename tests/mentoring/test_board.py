"""The honour board: awarded mentors, filters by year, level, expertise and municipality."""

import re

from wagtail.test.utils import WagtailPageTestCase

import pytest

from home.models import HomePage, StandardPage
from mentoring.models import AwardLevel, HonourBoardPage
from practices.models import Competency, Subject
from tests.mentoring.factories import (
    AwardFactory,
    MentorProfileFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PhotoFactory,
)

pytestmark = pytest.mark.django_db


def names_on(response):
    """Mentor names on the board, in order (the card titles)."""
    html = response.content.decode()
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', html)


@pytest.fixture
def people(board):
    moskovskij = MunicipalityFactory(name="Московский район", slug="moskovskij-rajon")
    serpukhov = MunicipalityFactory(name="Городской округ Серпухов", slug="serpukhov")
    math = Subject.objects.get(slug="matematika")
    russian = Subject.objects.get(slug="russkij-yazyk")
    assessment = Competency.objects.get(slug="ocenivanie")
    smirnova = MentorProfileFactory(
        last_name="Смирнова",
        first_name="Елена",
        middle_name="Викторовна",
        organisation=OrganisationFactory(municipality=moskovskij),
        subjects=[russian],
        photo=PhotoFactory(),
    )
    kuznetsov = MentorProfileFactory(
        last_name="Кузнецов",
        first_name="Андрей",
        middle_name="Павлович",
        organisation=OrganisationFactory(municipality=moskovskij),
        subjects=[math],
        competencies=[assessment],
    )
    petrova = MentorProfileFactory(
        last_name="Петрова",
        first_name="Наталья",
        middle_name="Игоревна",
        organisation=OrganisationFactory(municipality=serpukhov),
        subjects=[math],
    )
    unawarded = MentorProfileFactory(last_name="Безнаградная", first_name="Ольга", middle_name="")
    AwardFactory(
        profile=smirnova, title="Лучший наставник года", level=AwardLevel.MUNICIPAL, year=2022
    )
    AwardFactory(
        profile=smirnova, title="Почётная грамота Комитета", level=AwardLevel.REGIONAL, year=2024
    )
    AwardFactory(profile=kuznetsov, title="Лауреат конкурса", level=AwardLevel.REGIONAL, year=2023)
    AwardFactory(
        profile=petrova, title="Значок «Педагог-наставник»", level=AwardLevel.SCHOOL, year=2024
    )
    AwardFactory(
        profile=petrova,
        title="Грамота Министерства просвещения",
        level=AwardLevel.FEDERAL,
        year=2021,
    )
    return {
        "smirnova": smirnova,
        "kuznetsov": kuznetsov,
        "petrova": petrova,
        "unawarded": unawarded,
    }


class TestPageTree(WagtailPageTestCase):
    def test_board_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, HonourBoardPage)
        self.assertCanNotCreateAt(StandardPage, HonourBoardPage)
        self.assertAllowedSubpageTypes(HonourBoardPage, {})


def test_visitor_sees_awarded_mentors_newest_highest_awards_first(client, people):
    response = client.get("/doska-pochyota/")
    assert response.status_code == 200
    # 2024 regional, then 2024 school, then 2023.
    assert names_on(response) == [
        "Смирнова Елена Викторовна",
        "Петрова Наталья Игоревна",
        "Кузнецов Андрей Павлович",
    ]
    html = response.content.decode()
    assert "Безнаградная" not in html
    assert "Наставников на доске: 3" in html
    assert 'class="mentor-photo mentor-photo--board"' in html  # Смирнова's portrait
    assert 'mentor-photo--placeholder" aria-hidden="true">АК<' in html  # Кузнецов has none


def test_year_filter_shows_mentors_awarded_that_year_and_those_awards(client, people):
    response = client.get("/doska-pochyota/?year=2024")
    assert names_on(response) == ["Смирнова Елена Викторовна", "Петрова Наталья Игоревна"]
    html = response.content.decode()
    assert "Почётная грамота Комитета" in html
    assert "Лучший наставник года" not in html  # Смирнова's 2022 award is not the 2024 one
    assert "Грамота Министерства просвещения" not in html
    assert '<option value="2024" selected>2024</option>' in html
    assert "Сбросить фильтры" in html


def test_year_and_level_must_match_the_same_award(client, people):
    # Петрова has a federal award (2021) and an award of 2024, but no federal award of 2024.
    assert names_on(client.get("/doska-pochyota/?year=2024&level=federal")) == []
    assert names_on(client.get("/doska-pochyota/?year=2021&level=federal")) == [
        "Петрова Наталья Игоревна"
    ]
    assert names_on(client.get("/doska-pochyota/?level=regional")) == [
        "Смирнова Елена Викторовна",
        "Кузнецов Андрей Павлович",
    ]


def test_expertise_filter_uses_the_practice_taxonomies(client, people):
    assert names_on(client.get("/doska-pochyota/?expertise=predmet.matematika")) == [
        "Петрова Наталья Игоревна",
        "Кузнецов Андрей Павлович",
    ]
    assert names_on(client.get("/doska-pochyota/?expertise=kompetenciya.ocenivanie")) == [
        "Кузнецов Андрей Павлович"
    ]
    html = client.get("/doska-pochyota/").content.decode()
    assert '<optgroup label="Предметные области">' in html
    assert '<option value="predmet.matematika">Математика</option>' in html
    # Only areas some awarded mentor has: no filter leads to an empty board.
    assert "predmet.fizika" not in html


def test_municipality_filter(client, people):
    assert names_on(client.get("/doska-pochyota/?municipality=serpukhov")) == [
        "Петрова Наталья Игоревна"
    ]
    assert names_on(client.get("/doska-pochyota/?municipality=moskovskij-rajon&year=2023")) == [
        "Кузнецов Андрей Павлович"
    ]


def test_filters_offer_only_what_is_on_the_board(client, people):
    html = client.get("/doska-pochyota/").content.decode()
    years = re.findall(r'<option value="(\d{4})"', html)
    assert years == ["2024", "2023", "2022", "2021"]
    assert ">Городской округ Серпухов<" in html
    for label in ["школьный", "муниципальный", "региональный", "федеральный"]:
        assert f">{label}</option>" in html


def test_no_match_says_so_and_offers_the_whole_board(client, people):
    response = client.get("/doska-pochyota/?year=2024&municipality=serpukhov&level=regional")
    html = response.content.decode()
    assert names_on(response) == []
    assert "По выбранным условиям наставников не нашлось" in html
    assert "Показать всю доску почёта" in html


def test_stale_or_crafted_filter_values_do_not_break_the_board(client, people):
    for query in [
        "year=1850",
        "level=galactic",
        "expertise=predmet.net",
        "expertise=drop.table",
        "municipality=atlantida",
        "page=999",
        "year=2024&page=abc",
    ]:
        response = client.get(f"/doska-pochyota/?{query}")
        assert response.status_code == 200, query
    # An unknown year is ignored rather than emptying the board, and the visitor is told.
    response = client.get("/doska-pochyota/?year=1850")
    assert len(names_on(response)) == 3
    assert "Такого значения нет на доске" in response.content.decode()


def test_empty_board_has_an_honest_empty_state(client, board):
    MentorProfileFactory()  # a mentor without awards is not on the board
    html = client.get("/doska-pochyota/").content.decode()
    assert "Доска почёта пока пуста" in html
    assert "data-board-filter" not in html


def test_board_is_paginated(client, board):
    for number in range(30):
        AwardFactory(profile=MentorProfileFactory(last_name=f"Фамилия{number:02d}"), year=2024)
    first = client.get("/doska-pochyota/")
    second = client.get("/doska-pochyota/?page=2")
    assert len(names_on(first)) == 24
    assert len(names_on(second)) == 6
    assert "Страница 2 из 2" in second.content.decode()
    assert set(names_on(first)).isdisjoint(names_on(second))


def test_user_text_is_escaped(client, board):
    profile = MentorProfileFactory(last_name="<script>alert(1)</script>", position="<b>жирный</b>")
    AwardFactory(profile=profile, title="<img src=x onerror=alert(1)>")
    html = client.get("/doska-pochyota/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def _fill_board(count, start=0):
    municipality = MunicipalityFactory()
    # A few distinct portraits shared round: renditions are still fetched per card, but the
    # test does not spend its time resizing dozens of images.
    portraits = [PhotoFactory() for _ in range(3)]
    for number in range(start, start + count):
        profile = MentorProfileFactory(
            organisation=OrganisationFactory(municipality=municipality),
            photo=portraits[number % 3],
            subjects=[Subject.objects.get(slug="matematika")],
        )
        AwardFactory(profile=profile, year=2020 + number % 5)
        AwardFactory(profile=profile, year=2021 + number % 4, level=AwardLevel.REGIONAL)


@pytest.mark.parametrize(
    "query", ["", "?year=2022", "?year=2022&level=regional&expertise=predmet.matematika"]
)
def test_board_queries_stay_constant_as_the_board_grows(
    client, board, django_assert_max_num_queries, query
):
    from django.core.cache import cache

    _fill_board(3)
    client.get(f"/doska-pochyota/{query}")  # renditions are made once, on the first view
    cache.clear()  # measure the uncached board
    with django_assert_max_num_queries(20) as few:
        client.get(f"/doska-pochyota/{query}")
    few_count = len(few)
    _fill_board(40, start=3)
    client.get(f"/doska-pochyota/{query}")
    cache.clear()
    with django_assert_max_num_queries(few_count) as many:
        response = client.get(f"/doska-pochyota/{query}")
    assert len(names_on(response)) > 3
    assert len(many) == few_count


def test_cached_board_costs_only_the_page_itself(client, people, django_assert_max_num_queries):
    from django.core.cache import cache

    client.get("/doska-pochyota/?year=2024")  # renditions are made on the first view
    cache.clear()
    with django_assert_max_num_queries(20) as uncached:
        first = client.get("/doska-pochyota/?year=2024")
    with django_assert_max_num_queries(len(uncached) - 6) as cached:
        second = client.get("/doska-pochyota/?year=2024")
    assert names_on(first) == names_on(second)
    assert len(cached) < len(uncached)


def test_cached_board_follows_every_change(client, people):
    url = "/doska-pochyota/"
    assert "Кузнецов Андрей Павлович" in names_on(client.get(url))
    # A new award of a new year: the mentor moves up and the year appears in the filter.
    AwardFactory(
        profile=people["kuznetsov"], title="Нагрудный знак", level=AwardLevel.FEDERAL, year=2025
    )
    response = client.get(url)
    assert names_on(response)[0] == "Кузнецов Андрей Павлович"
    assert '<option value="2025">2025</option>' in response.content.decode()
    # A photo removed, a subject renamed, an organisation renamed, expertise added, a mentor deleted.
    people["smirnova"].photo = None
    people["smirnova"].save()
    assert 'aria-hidden="true">ЕС<' in client.get(url).content.decode()
    subject = Subject.objects.get(slug="matematika")
    subject.name = "Математика и информатика"
    subject.save()
    assert ">Математика и информатика</option>" in client.get(url).content.decode()
    organisation = people["petrova"].organisation
    organisation.short_name = "Гимназия № 5"
    organisation.save()
    assert "Гимназия № 5" in client.get(url).content.decode()
    people["petrova"].competencies.add(Competency.objects.get(slug="inklyuziya"))
    assert "kompetenciya.inklyuziya" in client.get(url).content.decode()
    people["kuznetsov"].delete()
    assert "Кузнецов" not in client.get(url).content.decode()


def test_junk_queries_render_but_are_not_cached(client, people, monkeypatch):
    from mentoring import board

    cached_keys = []
    monkeypatch.setattr(board, "board_version", lambda: cached_keys.append(1) or "v")
    for query in [f"page={board.MAX_CACHED_PAGE + 1}", "year=1850", "page=abc", "level=x"]:
        assert client.get(f"/doska-pochyota/?{query}").status_code == 200
    # The version (and so a cache key) was only asked for the filter choices, never for a fragment.
    request_count = 4
    assert len(cached_keys) == request_count
