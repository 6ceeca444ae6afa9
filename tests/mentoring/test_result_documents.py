"""A pair's result document is personal data: the pair, its curator and methodists only."""

from django.test import RequestFactory
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction

import pytest

from mentoring import result_documents
from mentoring.models import PairState
from tests.practices.conftest import pdf_upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def pair_with_document(client, people):
    pair = people["pair"]
    pair.state = PairState.ACTIVE
    pair.save(update_fields=["state"])
    client.force_login(people["mentor_user"])
    response = client.post(
        reverse("mentoring:result", args=[pair.pk]),
        {"summary": "Провели собрание.", "url": "", "document_upload": pdf_upload("itog.pdf")},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    client.logout()
    pair.result.refresh_from_db()
    return pair, pair.result.document


def test_the_document_goes_to_the_restricted_collection(pair_with_document):
    _pair, document = pair_with_document
    assert document.collection.name == result_documents.COLLECTION_NAME
    restriction = CollectionViewRestriction.objects.get(collection=document.collection)
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert sorted(restriction.groups.values_list("name", flat=True)) == [
        "Администратор",
        "Методист",
    ]


@pytest.mark.parametrize("who", ["mentor_user", "mentee", "curator", "methodist"])
def test_the_pair_its_curator_and_methodists_download_it(client, people, pair_with_document, who):
    pair, _document = pair_with_document
    client.force_login(people[who])
    response = client.get(reverse("mentoring:result_document", args=[pair.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", ["stranger", "other_mentor_user", "waiting_teacher"])
def test_anyone_else_is_told_not_found(client, people, pair_with_document, who):
    pair, _document = pair_with_document
    client.force_login(people[who])
    assert client.get(reverse("mentoring:result_document", args=[pair.pk])).status_code == 404


def test_a_visitor_is_sent_to_sign_in(client, pair_with_document):
    pair, _document = pair_with_document
    response = client.get(reverse("mentoring:result_document", args=[pair.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_wagtails_own_address_asks_anyone_but_methodists_to_sign_in(
    client, people, pair_with_document
):
    _pair, document = pair_with_document
    url = document.url
    for who in (None, "stranger", "mentee"):
        if who:
            client.force_login(people[who])
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], who
    restriction = document.collection.get_view_restrictions().get()
    for who, accepted in (("methodist", True), ("curator", False), ("mentor_user", False)):
        request = RequestFactory().get(url)
        request.user, request.session = people[who], {}
        assert restriction.accept_request(request) is accepted, who


def test_the_pair_page_links_to_the_checked_download(client, people, pair_with_document):
    pair, document = pair_with_document
    client.force_login(people["mentee"])
    html = client.get(pair.get_absolute_url()).content.decode()
    assert reverse("mentoring:result_document", args=[pair.pk]) in html
    assert document.url not in html


def test_the_document_chooser_hides_it_from_other_mentors(client, people, pair_with_document):
    _pair, document = pair_with_document
    chooser = reverse("wagtaildocs_chooser:choose")
    client.force_login(people["other_mentor_user"])
    response = client.get(chooser)
    assert response.status_code == 200
    assert document.title not in response.json()["html"]
    client.force_login(people["methodist"])
    assert document.title in client.get(chooser).json()["html"]


def test_a_new_file_replaces_the_old_one(client, people, pair_with_document):
    pair, old = pair_with_document
    client.force_login(people["mentor_user"])
    client.post(
        reverse("mentoring:result", args=[pair.pk]),
        {"summary": "Провели собрание.", "url": "", "document_upload": pdf_upload("itog-2.pdf")},
    )
    pair.result.refresh_from_db()
    assert pair.result.document.pk != old.pk
    assert not get_document_model().objects.filter(pk=old.pk).exists()
