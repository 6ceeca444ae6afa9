"""The site form «Предложить практику»: good and bad input, files, limits, editing a returned draft."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

import pytest

from practices import publishing
from practices.forms import MAX_STEPS
from practices.models import Competency, EducationLevel, MentoringForm, PracticePage
from tests.practices.conftest import docx_upload, pdf_upload, png_upload

URL = "/practices/predlozhit/"


def proposal_data(**overrides):
    data = {
        "title": "Кейс-клуб  «Трудный урок»",
        "summary": "Молодые учителя разбирают трудные ситуации урока с наставником и психологом.",
        "problem": "Дисциплина — первая жалоба молодых учителей.",
        "mentoring_form": MentoringForm.objects.get(slug="uchitel-uchitel").pk,
        "education_levels": [
            EducationLevel.objects.get(slug="ooo").pk,
            EducationLevel.objects.get(slug="soo").pk,
        ],
        "competencies": [Competency.objects.get(slug="upravlenie-klassom").pk],
        "participants": "8 молодых учителей, наставник, психолог",
        "duration": "учебный год, 8 встреч",
        "results": "Обращений из-за дисциплины стало меньше.\n\nЖурнал <обращений> показывает спад.",
        "evidence": "",
        "tags": "Дисциплина, кейс-метод, дисциплина",
        "organisation": "",
        "consent": "on",
        "steps-TOTAL_FORMS": str(MAX_STEPS),
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": str(MAX_STEPS),
        "steps-0-title": "Сбор кейсов",
        "steps-0-period": "за неделю",
        "steps-0-text": "Участники описывают ситуацию.\nКоротко и анонимно.",
        "steps-1-title": "Разбор по схеме",
        "steps-1-text": "Группа выделяет причины поведения.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def signed_in_mentor(client, mentor):
    client.force_login(mentor)
    return client


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client, index):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.django_db
def test_a_teacher_is_told_only_mentors_propose(client, index, teacher):
    client.force_login(teacher)
    response = client.get(URL)
    assert response.status_code == 403
    assert "могут наставники" in response.content.decode()


@pytest.mark.django_db
def test_the_form_offers_every_taxonomy_and_the_mentors_organisation(
    signed_in_mentor, index, mentor
):
    response = signed_in_mentor.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "учитель – учитель" in html and "Среднее профессиональное образование" in html
    assert "Формирование функциональной грамотности" in html
    organisation = mentor.mentor_profile.organisation
    assert f'<option value="{organisation.pk}" selected>' in html
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.django_db
def test_a_good_proposal_becomes_a_draft_in_review(signed_in_mentor, index, mentor, organisation):
    data = proposal_data(
        organisation=organisation.pk,
        **{
            "steps-0-image": png_upload(),
            "steps-0-image_alt": "Схема разбора кейса",
            "steps-1-document": pdf_upload(),
        },
    )
    data["resources"] = [docx_upload(), pdf_upload("ipr.pdf")]
    response = signed_in_mentor.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("practices:mine")

    page = PracticePage.objects.get()
    assert page.get_parent().pk == index.pk
    assert page.title == "Кейс-клуб «Трудный урок»"  # spaces tidied
    assert not page.live and page.owner == mentor
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.slug.startswith("keys-klub")
    assert [link.author for link in page.authors.all()] == [mentor.mentor_profile]
    assert page.municipality == organisation.municipality
    assert set(page.tags.names()) == {"дисциплина", "кейс-метод"}
    assert {level.slug for level in page.education_levels.all()} == {"ooo", "soo"}
    # Text is escaped and kept in paragraphs.
    assert "&lt;обращений&gt;" in page.results and "<p>" in page.results
    steps = list(page.steps)
    assert [step.value["title"] for step in steps] == ["Сбор кейсов", "Разбор по схеме"]
    assert steps[0].value["image"].title == "Схема разбора кейса"
    assert steps[0].value["image_alt"] == "Схема разбора кейса"
    assert (
        steps[0].value["text"].source
        == "<p>Участники описывают ситуацию.<br/>Коротко и анонимно.</p>"
    )
    assert [document.file_extension for document in steps[1].value["documents"]] == ["pdf"]
    assert [resource.document.file_extension for resource in page.resources.all()] == [
        "docx",
        "pdf",
    ]
    assert page.recommended is False
    # What the methodist reviews is the revision the mentor submitted.
    assert page.latest_revision.user == mentor


@pytest.mark.django_db
def test_bad_input_is_answered_in_russian_and_kept(signed_in_mentor, index):
    data = proposal_data(title="", education_levels=[], consent="")
    data["steps-0-text"] = ""
    response = signed_in_mentor.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Проверьте, пожалуйста, форму" in html
    assert "Обязательное поле" in html
    assert "Шаг 1" in html
    # What was typed stays in the form.
    assert "Дисциплина — первая жалоба молодых учителей." in html
    assert 'value="8 молодых учителей, наставник, психолог"' in html
    assert not PracticePage.objects.exists()


@pytest.mark.django_db
def test_a_proposal_needs_at_least_one_step(signed_in_mentor, index):
    data = proposal_data()
    for key in [key for key in data if key.startswith("steps-") and key[6].isdigit()]:
        del data[key]
    response = signed_in_mentor.post(URL, data)
    assert response.status_code == 400
    assert "Опишите хотя бы один шаг" in response.content.decode()


@pytest.mark.django_db
def test_an_image_needs_a_description(signed_in_mentor, index):
    response = signed_in_mentor.post(URL, proposal_data(**{"steps-0-image": png_upload()}))
    assert response.status_code == 400
    assert "экранный диктор" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("shag.png", b"not an image at all", content_type="image/png"),
            "не открывается как изображение",
        ),
        (png_upload("shag.jpg"), "внутри у него формат PNG"),
        (png_upload("shag.gif", fmt="GIF"), "не поддерживаемый формат изображения"),
        (
            SimpleUploadedFile("shag.svg", b"<svg/>", content_type="image/svg+xml"),
            "не поддерживаемый формат",
        ),
    ],
)
def test_bad_images_are_refused(signed_in_mentor, index, upload, message):
    data = proposal_data(**{"steps-0-image": upload, "steps-0-image_alt": "схема"})
    response = signed_in_mentor.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "выберите их снова" in html
    assert not get_image_model().objects.exists()
    assert not PracticePage.objects.exists()


@pytest.mark.django_db
@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1000)
def test_images_over_the_pixel_limit_are_refused(signed_in_mentor, index):
    data = proposal_data(
        **{"steps-0-image": png_upload(size=(50, 50)), "steps-0-image_alt": "схема"}
    )
    response = signed_in_mentor.post(URL, data)
    assert response.status_code == 400
    assert "50×50 точек" in response.content.decode()


@pytest.mark.django_db
@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100, WAGTAILDOCS_MAX_UPLOAD_SIZE=100)
def test_files_over_the_size_limit_are_refused(signed_in_mentor, index):
    data = proposal_data(
        **{"steps-0-image": png_upload(size=(200, 200)), "steps-0-image_alt": "схема"}
    )
    data["resources"] = [docx_upload()]
    html = signed_in_mentor.post(URL, data).content.decode()
    assert "слишком большой" in html
    assert "можно не больше 100" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("plan.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
            "недопустимый тип документа",
        ),
        (
            SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
            "не похоже на PDF",
        ),
        (
            SimpleUploadedFile("plan.docx", b"PK\x03\x04 broken", content_type="application/zip"),
            "не похоже на DOCX",
        ),
        (
            SimpleUploadedFile("notes.txt", b"\x00\x01\x02binary", content_type="text/plain"),
            "не похоже на TXT",
        ),
        (SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"), "пуст"),
    ],
)
def test_bad_documents_are_refused(signed_in_mentor, index, upload, message):
    data = proposal_data()
    data["resources"] = [upload]
    response = signed_in_mentor.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_no_more_than_five_resources(signed_in_mentor, index):
    data = proposal_data()
    data["resources"] = [pdf_upload(f"plan-{n}.pdf") for n in range(6)]
    response = signed_in_mentor.post(URL, data)
    assert "не больше 5 документов" in response.content.decode()


@pytest.mark.django_db
def test_too_many_or_too_long_tags(signed_in_mentor, index):
    many = ", ".join(f"метка {n}" for n in range(11))
    assert (
        "Меток слишком много"
        in signed_in_mentor.post(URL, proposal_data(tags=many)).content.decode()
    )
    long_tag = "очень " * 12 + ", адаптация"
    assert (
        "длиннее 50 знаков"
        in signed_in_mentor.post(URL, proposal_data(tags=long_tag)).content.decode()
    )


@pytest.mark.django_db
def test_nothing_is_left_half_saved_when_saving_fails(signed_in_mentor, index, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("база недоступна")

    monkeypatch.setattr(publishing, "propose", broken)
    data = proposal_data(**{"steps-0-image": png_upload(), "steps-0-image_alt": "схема"})
    data["resources"] = [pdf_upload()]
    with pytest.raises(RuntimeError):
        signed_in_mentor.post(URL, data)
    assert not PracticePage.objects.exists()
    assert not get_image_model().objects.exists()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_proposals_are_rate_limited(signed_in_mentor, index, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "proposal": "2/h"}
    for number in range(2):
        response = signed_in_mentor.post(URL, proposal_data(title=f"Практика {number}"))
        assert response.status_code == 302
    response = signed_in_mentor.post(URL, proposal_data(title="Третья"))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = response.content.decode()
    assert "Вы уже отправили много практик подряд. Попробуйте позже" in html
    assert 'value="Третья"' in html  # what was typed is kept
    assert PracticePage.objects.count() == 2


@pytest.mark.django_db
def test_a_mentor_without_a_profile_still_proposes(client, index, make_user):
    from portal.roles import MENTOR

    user = make_user("bez-profilya", roles=[MENTOR])
    client.force_login(user)
    assert "не привязан профиль наставника" in client.get(URL).content.decode()
    assert client.post(URL, proposal_data()).status_code == 302
    page = PracticePage.objects.get()
    assert page.owner == user and not page.authors.exists()


# --- Editing a returned practice on the site ---------------------------------------------


@pytest.fixture
def returned(signed_in_mentor, index, methodist):
    data = proposal_data(**{"steps-0-image": png_upload(), "steps-0-image_alt": "Схема"})
    data["resources"] = [pdf_upload()]
    signed_in_mentor.post(URL, data)
    page = PracticePage.objects.get()
    page.current_workflow_task_state.reject(user=methodist, comment="Добавьте критерии.")
    return page


@pytest.mark.django_db
def test_the_author_edits_a_returned_practice_and_sends_it_again(signed_in_mentor, returned):
    url = reverse("practices:edit", args=[returned.pk])
    html = signed_in_mentor.get(url).content.decode()
    assert 'value="Кейс-клуб «Трудный урок»"' in html
    assert "иллюстрация «Схема»" in html

    image_id = returned.steps[0].value["image"].pk
    data = proposal_data(
        title="Кейс-клуб «Трудный урок» (с критериями)",
        **{
            "steps-INITIAL_FORMS": "2",
            "steps-0-kept_image": str(image_id),
            "steps-0-image_alt": "Схема",
            "steps-2-title": "Критерии",
            "steps-2-text": "Критерии оценки разбора.",
        },
    )
    response = signed_in_mentor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = PracticePage.objects.get(pk=returned.pk)
    assert page.title == "Кейс-клуб «Трудный урок» (с критериями)"
    assert [step.value["title"] for step in page.steps] == [
        "Сбор кейсов",
        "Разбор по схеме",
        "Критерии",
    ]
    assert page.steps[0].value["image"].pk == image_id
    assert page.resources.count() == 1  # kept
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_editing_cannot_borrow_someone_elses_image(signed_in_mentor, returned):
    from wagtail.images.tests.utils import get_test_image_file

    foreign = get_image_model().objects.create(title="Чужое", file=get_test_image_file())
    data = proposal_data(**{"steps-INITIAL_FORMS": "2", "steps-0-kept_image": str(foreign.pk)})
    signed_in_mentor.post(reverse("practices:edit", args=[returned.pk]), data)
    page = PracticePage.objects.get(pk=returned.pk)
    assert page.steps[0].value["image"] is None


@pytest.mark.django_db
def test_a_practice_under_review_or_published_is_not_edited_on_the_site(
    client, signed_in_mentor, index, practice
):
    signed_in_mentor.post(URL, proposal_data())
    in_review = PracticePage.objects.get(live=False)
    assert signed_in_mentor.get(reverse("practices:edit", args=[in_review.pk])).status_code == 403
    assert signed_in_mentor.get(reverse("practices:edit", args=[practice.pk])).status_code == 403


@pytest.mark.django_db
def test_another_mentor_cannot_edit_my_draft(client, returned, make_user):
    from portal.roles import MENTOR

    client.force_login(make_user("drugoj", roles=[MENTOR]))
    assert client.get(reverse("practices:edit", args=[returned.pk])).status_code == 403
