"""The curator's dashboard (server-drawn charts) and the XLSX export with its log."""

import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from mentoring import charts, pairing
from mentoring.figures import ProgrammeFigures, SurveyRow
from mentoring.models import ExportLog, MenteeRequest, ProgrammeOrganisation

pytestmark = pytest.mark.django_db


def test_bar_chart_geometry():
    chart = charts.bar_chart("Пары", [("Работают", 4, "4"), ("Завершены", 2, "2"), ("Нет", 0, "0")])
    assert chart.maximum == 4
    room = charts.WIDTH - charts.LABEL_WIDTH - charts.VALUE_WIDTH - 2 * charts.PADDING
    assert [bar.width for bar in chart.bars] == [room, room / 2, 0]
    assert [bar.y for bar in chart.bars] == [8, 8 + 28 + 12, 8 + 2 * (28 + 12)]
    assert chart.height == 2 * 8 + 3 * 28 + 2 * 12
    assert chart.bars[1].value_x == charts.LABEL_WIDTH + charts.PADDING + room / 2 + 6
    assert not chart.is_empty
    assert charts.bar_chart("Пусто", [("A", 0, "0")]).is_empty


def test_satisfaction_chart_is_out_of_five():
    figures = ProgrammeFigures(
        surveys=[
            SurveyRow("Входная анкета участников", 4.5, 10, "start"),
            SurveyRow("Итоговая анкета участников", None, 0, "end"),
        ]
    )
    chart = charts.satisfaction_by_survey(figures)
    assert chart.maximum == 5
    assert [(bar.label, bar.text) for bar in chart.bars] == [
        ("Входная анкета", "4,5"),
        ("Итоговая анкета", "—"),
    ]


def test_dashboard_shows_figures_and_svg_charts(client, people):
    ProgrammeOrganisation.objects.filter(programme=people["programme"]).update(young_teachers=4)
    client.force_login(people["curator"])
    response = client.get(reverse("mentoring:dashboard", args=[people["programme"].slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg class="chart__svg"') == 2  # no survey answers yet: an empty note
    assert "Данных пока нет." in html
    assert "Доля молодых педагогов, вовлечённых в наставничество" in html
    assert "25&nbsp;%" in html  # one of four young teachers is in a formed pair
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "cdn" not in html.lower()


def test_dashboard_queries_stay_constant(client, people, django_assert_max_num_queries):
    client.force_login(people["curator"])
    url = reverse("mentoring:dashboard", args=[people["programme"].slug])
    client.get(url)
    with django_assert_max_num_queries(40) as first:
        client.get(url)
    programme = people["programme"]
    for n in range(5):
        request = MenteeRequest.objects.create(
            programme=programme,
            teacher=people["mentee"].__class__.objects.create(username=f"more-{n}"),
            organisation=people["school"],
            preferred_format="remote",
            career_start_year=2024,
            consent_at=people["mentee_request"].consent_at,
        )
        if n < 2:
            pairing.form_pair(programme, people["mentor"], [request], by=people["curator"])
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)


def test_xlsx_export_has_the_figures_pairs_and_requests_and_is_logged(client, people):
    programme = people["programme"]
    client.force_login(people["curator"])
    response = client.get(reverse("mentoring:export_xlsx", args=[programme.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment;" in response["Content-Disposition"]

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Показатели", "Пары", "Запросы", "Анкеты"]
    summary = workbook["Показатели"]
    assert summary["A1"].value == "Программа наставничества Московского района 2026/27"
    figures = {row[0]: row[1] for row in summary.iter_rows(min_row=4, values_only=True)}
    assert figures["Запросов наставляемых"] == 2
    assert figures["Пар сформировано (подтверждены, работают, завершены)"] == 1
    assert figures["Молодых педагогов известно программе"] == 2
    assert figures["Доля молодых педагогов, вовлечённых в наставничество, %"] == 50

    pairs = workbook["Пары"]
    assert [cell.value for cell in pairs[1]][:5] == [
        "№",
        "Наставник",
        "Организация наставника",
        "Наставляемые",
        "Состояние",
    ]
    row = [cell.value for cell in pairs[2]]
    assert row[1] == "Смирнова Елена Викторовна"
    assert row[3] == people["mentee"].get_full_name()
    assert row[4] == "подтверждена"
    assert (row[9], row[10], row[11]) == (0, 2, 0)
    assert pairs.max_row == 2

    requests = workbook["Запросы"]
    header = [cell.value for cell in requests[1]]
    rows = [
        dict(zip(header, (c.value for c in r), strict=True)) for r in requests.iter_rows(min_row=2)
    ]
    assert [r["ФИО"] for r in rows] == [
        people["mentee"].get_full_name(),
        people["waiting_teacher"].get_full_name(),
    ]
    assert rows[0]["Дефициты"] == "Работа с родителями"
    assert rows[0]["Молодой педагог"] == "да"
    assert rows[0]["Пара"] == "подтверждена"
    assert rows[1]["Пара"] == "ждёт наставника"
    assert rows[0]["Согласие на обработку ПДн"]

    log = ExportLog.objects.get()
    assert log.user == people["curator"]
    assert log.programme == programme
    assert log.rows == 3  # one pair, two requests
    assert log.file_format == "xlsx"
    assert (
        log.what
        == "Показатели, пары и запросы программы «Программа наставничества Московского района 2026/27»"
    )


def test_user_text_cannot_become_a_formula(client, people):
    request = people["waiting_request"]
    request.deficits_text = '=HYPERLINK("http://evil")'
    request.save()
    client.force_login(people["methodist"])
    response = client.get(reverse("mentoring:export_xlsx", args=[people["programme"].slug]))
    sheet = load_workbook(io.BytesIO(response.content))["Запросы"]
    values = [cell.value for cell in sheet[3]]
    assert '\'=HYPERLINK("http://evil")' in values


def test_export_log_is_visible_to_methodists_in_the_admin_and_read_only(client, people):
    client.force_login(people["curator"])
    client.get(reverse("mentoring:export_xlsx", args=[people["programme"].slug]))
    client.force_login(people["methodist"])
    response = client.get(reverse("wagtailsnippets_mentoring_exportlog:list"))
    assert response.status_code == 200
    assert "Показатели, пары и запросы программы" in response.content.decode()
    log = ExportLog.objects.get()
    assert client.get(reverse("wagtailsnippets_mentoring_exportlog:add")).status_code in (302, 403)
    edit = client.post(
        reverse("wagtailsnippets_mentoring_exportlog:edit", args=[log.pk]), {"what": "подмена"}
    )
    assert edit.status_code in (302, 403)
    log.refresh_from_db()
    assert log.what.startswith("Показатели")
    # A mentor can reach the admin but not the log.
    client.force_login(people["mentor_user"])
    assert client.get(reverse("wagtailsnippets_mentoring_exportlog:list")).status_code in (302, 403)


def test_survey_results_question_by_question(client, people):
    import datetime

    from mentoring.feedback import question_results
    from mentoring.models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse

    survey = Survey.objects.create(
        programme=people["programme"],
        title="Входная анкета",
        moment="start",
        opens_on=datetime.date(2026, 10, 1),
        closes_on=datetime.date(2026, 10, 20),
    )
    scale = SurveyQuestion.objects.create(survey=survey, text="Польза встреч", sort_order=1)
    text = SurveyQuestion.objects.create(
        survey=survey, text="Что изменить?", kind="text", sort_order=2, required=False
    )
    for respondent, score, answer in [
        (people["mentee"], 5, "Чаще встречаться"),
        (people["mentor_user"], 4, ""),
    ]:
        response = SurveyResponse.objects.create(
            survey=survey, pair=people["pair"], respondent=respondent
        )
        SurveyAnswer.objects.create(response=response, question=scale, score=score)
        SurveyAnswer.objects.create(response=response, question=text, text=answer)
    results = question_results(people["programme"])
    assert [(r.text, r.average, r.answers, r.texts) for r in results] == [
        ("Польза встреч", 4.5, 2, []),
        ("Что изменить?", None, 1, ["Чаще встречаться"]),
    ]
    client.force_login(people["curator"])
    html = client.get(reverse("mentoring:dashboard", args=[people["programme"].slug])).content
    html = html.decode()
    assert "Чаще встречаться" in html and "4,5" in html
    assert people["mentee"].last_name not in html.split("questions-title", 1)[1]
    response = client.get(reverse("mentoring:export_xlsx", args=[people["programme"].slug]))
    sheet = load_workbook(io.BytesIO(response.content))["Анкеты"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == [
        ["Входная анкета", "Польза встреч", 4.5, 2, None],
        ["Входная анкета", "Что изменить?", None, 1, "Чаще встречаться"],
    ]
