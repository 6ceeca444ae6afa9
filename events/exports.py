"""Participant lists as CSV (for Excel in a Russian locale) and XLSX (openpyxl).

The files hold personal data; the views that serve them log every download.
"""

import csv
import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from events.models import Registration, RegistrationStatus

# Cells that a spreadsheet would run as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _attended(value):
    if value is None:
        return ""
    return _("да") if value else _("нет")


def _when(value):
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def export_registrations(event):
    """Participants first, then the waiting list in queue order."""
    return list(
        Registration.objects.filter(event=event)
        .active()
        .select_related("user")
        .with_waitlist_position()
        .order_by("status", "queued_at", "pk")  # "confirmed" sorts before "waitlisted"
    )


def header():
    return [
        _("№"),
        _("ФИО"),
        _("Электронная почта"),
        _("Организация"),
        _("Должность"),
        _("Статус"),
        _("Место в листе ожидания"),
        _("Записан(а)"),
        _("Присутствие"),
        _("Комментарий"),
    ]


def rows(registrations):
    for number, registration in enumerate(registrations, start=1):
        user = registration.user
        yield [
            number,
            user.get_full_name() or user.username,
            user.email,
            registration.organisation,
            registration.position,
            registration.get_status_display(),
            registration.waitlist_position or "",
            _when(registration.queued_at),
            _attended(registration.attended)
            if registration.status == RegistrationStatus.CONFIRMED
            else "",
            registration.comment,
        ]


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(registrations):
    buffer = io.StringIO()
    # A BOM and semicolons: what Excel with Russian regional settings opens correctly.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header())
    for row in rows(registrations):
        writer.writerow([_safe(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def to_xlsx(registrations, event):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Участники")[:31]
    sheet.append([event.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [
            _("%(start)s — %(end)s, время московское")
            % {"start": _when(event.starts_at), "end": _when(event.ends_at)}
        ]
    )
    sheet.append([])
    sheet.append(header())
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows(registrations):
        sheet.append([_safe(value) for value in row])
    widths = [5, 36, 30, 40, 28, 16, 14, 18, 13, 40]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    last_row = max(sheet.max_row, header_row)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(widths))}{last_row}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
