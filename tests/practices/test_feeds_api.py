"""RSS/Atom feeds of new practices and the read-only JSON API."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.practices.factories import MentorProfileFactory, PracticePageFactory, now_minus


@pytest.fixture
def practices(index):
    author = MentorProfileFactory(
        last_name="Смирнова", first_name="Елена", middle_name="Викторовна"
    )
    return [
        PracticePageFactory(
            parent=index,
            title="Школа молодого педагога",
            levels=["ooo", "soo"],
            tags=["адаптация"],
            authors=[author],
            recommended=True,
            published_at=now_minus(2),
        ),
        PracticePageFactory(
            parent=index,
            title="Консультанты по математике",
            levels=["ooo"],
            subjects=["matematika"],
            published_at=now_minus(5),
            mentoring_form=__import__("practices.models", fromlist=["x"]).MentoringForm.objects.get(
                slug="uchenik-uchenik"
            ),
        ),
        PracticePageFactory(parent=index, title="Черновик", live=False),
    ]


@pytest.mark.django_db
def test_rss_lists_new_practices_newest_first(client, practices):
    response = client.get("/practices/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert xml.index("Школа молодого педагога") < xml.index("Консультанты по математике")
    assert "Черновик" not in xml
    assert "<category>учитель – учитель</category>" in xml
    assert "<category>адаптация</category>" in xml
    assert "Смирнова Е. В." in xml
    assert "http://testserver/praktiki/" in xml


@pytest.mark.django_db
def test_atom_feed_and_filters(client, practices):
    response = client.get("/practices/atom/", {"form": "uchenik-uchenik"})
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert "Консультанты по математике" in xml
    assert "Школа молодого педагога" not in xml


@pytest.mark.django_db
def test_the_index_links_its_feeds(client, index, practices):
    html = client.get(index.url, {"level": "ooo"}).content.decode()
    assert 'type="application/rss+xml"' in html
    assert "/practices/rss/?level=ooo" in html


@pytest.mark.django_db
def test_the_api_lists_practices_with_their_taxonomies(client, practices):
    response = client.get("/api/v2/practices/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 2
    first = data["items"][0]
    assert first["title"] == "Школа молодого педагога"
    assert first["mentoring_form"] == {
        "slug": "uchitel-uchitel",
        "name": "учитель – учитель",
        "short_name": "Уч–Уч",
    }
    assert [level["slug"] for level in first["education_levels"]] == ["ooo", "soo"]
    assert first["tags"] == ["адаптация"]
    assert first["recommended"] is True
    assert first["authors"][0]["name"] == "Смирнова Елена Викторовна"
    assert first["meta"]["html_url"].endswith("/praktiki/shkola-molodogo-pedagoga/")


@pytest.mark.django_db
def test_the_api_filters_like_the_bank(client, practices):
    data = client.get("/api/v2/practices/", {"level": "ooo", "subject": "matematika"}).json()
    assert [item["title"] for item in data["items"]] == ["Консультанты по математике"]
    data = client.get("/api/v2/practices/", {"recommended": "true"}).json()
    assert [item["title"] for item in data["items"]] == ["Школа молодого педагога"]
    response = client.get("/api/v2/practices/", {"form": "net-takoj-formy"})
    assert response.status_code == 400
    assert "form" in response.json()["message"]


@pytest.mark.django_db
def test_the_api_detail_has_steps_and_is_read_only(client, practices):
    practice = practices[0]
    data = client.get(f"/api/v2/practices/{practice.pk}/").json()
    assert data["steps"][0]["type"] == "step"
    assert data["steps"][0]["value"]["title"] == "Установочная встреча"
    assert data["problem"] == practice.problem
    assert client.post("/api/v2/practices/", {}).status_code == 405
    assert client.get(f"/api/v2/practices/{practices[2].pk}/").status_code == 404


@pytest.mark.django_db
def test_api_queries_do_not_grow(client, index, practices):
    client.get("/api/v2/practices/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v2/practices/")
    for number in range(15):
        PracticePageFactory(
            parent=index,
            title=f"Практика {number}",
            tags=["a", "b"],
            levels=["ooo", "noo"],
            authors=[MentorProfileFactory()],
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/v2/practices/")
    assert response.json()["meta"]["total_count"] == 17
    assert len(many) == len(few)


@pytest.mark.django_db
def test_feed_queries_do_not_grow(client, index, practices):
    client.get("/practices/rss/")
    with CaptureQueriesContext(connection) as few:
        client.get("/practices/rss/")
    for number in range(10):
        PracticePageFactory(
            parent=index, title=f"Практика {number}", tags=["a"], authors=[MentorProfileFactory()]
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/practices/rss/")
    assert len(many) == len(few)
