"""The programme in a spreadsheet: figures, pairs and requests (XLSX, openpyxl).

Pairs and requests are personal data: every download is written to ``ExportLog``.
"""

import io

from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from mentoring import feedback
from mentoring import figures as programme_figures
from mentoring.models import ExportLog, MenteeRequest, Pair, PairMembership, PairState

# Cells a spreadsheet would run as a formula (CSV/XLSX injection through user text).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _datetime(value):
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def _yes_no(value):
    return _("да") if value else _("нет")


def figure_rows(result):
    return [
        (_("Запросов наставляемых"), result.requests),
        (_("Пар предложено"), result.proposed),
        (_("Пар сформировано (подтверждены, работают, завершены)"), result.formed),
        (_("Пар работает"), result.active),
        (_("Пар завершили работу"), result.finished),
        (_("Пар отклонено"), result.declined),
        (_("Молодых педагогов известно программе"), result.young_known),
        (_("Молодых педагогов в сформированных парах"), result.young_covered),
        (
            _("Доля молодых педагогов, вовлечённых в наставничество, %"),
            result.young_share if result.young_share is not None else "",
        ),
        (
            _("Удовлетворённость участников, средний балл из 5"),
            result.satisfaction if result.satisfaction is not None else "",
        ),
        (_("Ответов по шкале 1–5"), result.satisfaction_answers),
        (_("Практик наставников программы в банке"), result.practices_published),
    ]


PAIR_HEADER = [
    gettext_lazy("№"),
    gettext_lazy("Наставник"),
    gettext_lazy("Организация наставника"),
    gettext_lazy("Наставляемые"),
    gettext_lazy("Состояние"),
    gettext_lazy("Предложена"),
    gettext_lazy("Подтверждена"),
    gettext_lazy("Начало работы"),
    gettext_lazy("Завершение"),
    gettext_lazy("Задач выполнено"),
    gettext_lazy("Задач всего"),
    gettext_lazy("Прогресс, %"),
    gettext_lazy("Баллы подбора"),
    gettext_lazy("Отказ: причина"),
]

REQUEST_HEADER = [
    gettext_lazy("№"),
    gettext_lazy("ФИО"),
    gettext_lazy("Организация"),
    gettext_lazy("Должность"),
    gettext_lazy("Дефициты"),
    gettext_lazy("Своими словами"),
    gettext_lazy("Предмет"),
    gettext_lazy("Уровень образования"),
    gettext_lazy("Форма наставничества"),
    gettext_lazy("Формат встреч"),
    gettext_lazy("Возраст"),
    gettext_lazy("Год начала работы"),
    gettext_lazy("Молодой педагог"),
    gettext_lazy("Согласие на обработку ПДн"),
    gettext_lazy("Пара"),
]


SURVEY_HEADER = [
    gettext_lazy("Анкета"),
    gettext_lazy("Вопрос"),
    gettext_lazy("Средний балл (1–5)"),
    gettext_lazy("Ответов"),
    gettext_lazy("Ответы (без имён)"),
]


def survey_rows(programme):
    for result in feedback.question_results(programme):
        yield [
            result.survey,
            result.text,
            result.average if result.average is not None else "",
            result.answers,
            "\n".join(result.texts),
        ]


def pair_rows(programme):
    pairs = Pair.objects.filter(programme=programme).for_lists().order_by("pk")
    for number, pair in enumerate(pairs, start=1):
        yield [
            number,
            pair.mentor.full_name,
            str(pair.mentor.organisation or ""),
            ", ".join(m.request.teacher_name for m in pair.current_memberships),
            pair.get_state_display(),
            _datetime(pair.created_at),
            _datetime(pair.confirmed_at),
            _date(pair.started_on),
            _date(pair.finished_on),
            pair.tasks_done,
            pair.tasks_total,
            pair.progress,
            pair.match_score,
            pair.decline_reason,
        ]


def request_rows(programme, on=None):
    on = on or timezone.localdate()
    latest_state = (
        PairMembership.objects.filter(request=OuterRef("pk"), declined_at__isnull=True)
        .exclude(pair__state=PairState.DECLINED)
        .order_by("-pair__created_at")
        .values("pair__state")[:1]
    )
    requests = (
        MenteeRequest.objects.filter(programme=programme)
        .for_matching()
        .annotate(pair_state=Subquery(latest_state))
        .order_by("created_at", "pk")
    )
    states = dict(PairState.choices)
    for number, request in enumerate(requests, start=1):
        yield [
            number,
            request.teacher_name,
            str(request.organisation),
            request.position,
            "; ".join(d.name for d in request.deficits.all()),
            request.deficits_text,
            str(request.subject or ""),
            str(request.education_level or ""),
            str(request.preferred_form or ""),
            request.get_preferred_format_display(),
            request.age or "",
            request.career_start_year,
            _yes_no(programme_figures.is_young(request.age, request.career_start_year, on)),
            _datetime(request.consent_at),
            str(states.get(request.pair_state, _("ждёт наставника"))),
        ]


def _sheet(workbook, title, header, rows, widths):
    sheet = workbook.create_sheet(title[:31])
    sheet.append([str(title) for title in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    count = 0
    for row in rows:
        sheet.append([_safe(value) for value in row])
        count += 1
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(count + 1, 1)}"
    return count


def programme_workbook(programme, on=None):
    """(XLSX bytes, number of rows with personal data)."""
    result = programme_figures.gather(programme, on=on)
    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Показатели")
    summary.append([programme.title])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append(
        [
            _("Сроки: %(start)s — %(end)s; выгружено %(now)s")
            % {
                "start": _date(programme.starts_on),
                "end": _date(programme.ends_on),
                "now": _datetime(timezone.now()),
            }
        ]
    )
    summary.append([])
    for label, value in figure_rows(result):
        summary.append([label, value])
    summary.column_dimensions["A"].width = 62
    summary.column_dimensions["B"].width = 14

    rows = _sheet(
        workbook,
        _("Пары"),
        PAIR_HEADER,
        pair_rows(programme),
        [5, 34, 24, 44, 14, 16, 16, 14, 14, 10, 10, 10, 10, 40],
    )
    rows += _sheet(
        workbook,
        _("Запросы"),
        REQUEST_HEADER,
        request_rows(programme, on=on),
        [5, 34, 24, 24, 48, 48, 22, 24, 22, 14, 9, 12, 11, 18, 16],
    )
    _sheet(
        workbook,
        _("Анкеты"),
        SURVEY_HEADER,
        survey_rows(programme),
        [34, 60, 16, 12, 80],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), rows


def log_export(user, programme, rows, file_format="xlsx"):
    return ExportLog.objects.create(
        user=user,
        programme=programme,
        what=_("Показатели, пары и запросы программы «%(title)s»") % {"title": programme.title},
        file_format=file_format,
        rows=rows,
    )
