"""Charts of the programme's figures, drawn on the server as SVG (no script, no CDN).

Each chart is plain geometry computed here (tested) and drawn by
``templates/mentoring/includes/bar_chart.svg.html``; a table with the same
numbers follows every chart for screen readers and print.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mentoring.models.surveys import SurveyMoment

# Layout of a horizontal bar chart, in SVG user units (the SVG scales to its box).
WIDTH = 520
LABEL_WIDTH = 200
VALUE_WIDTH = 90
BAR_HEIGHT = 28
GAP = 12
PADDING = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as printed
    y: int
    width: float  # of the bar itself
    css: str = ""

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT / 2

    @property
    def value_x(self):
        return LABEL_WIDTH + PADDING + self.width + 6


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple
    height: int
    maximum: float

    width = WIDTH
    label_width = LABEL_WIDTH
    bar_x = LABEL_WIDTH + PADDING
    bar_height = BAR_HEIGHT

    @property
    def is_empty(self):
        return not any(bar.value for bar in self.bars)


def bar_chart(title, items, maximum=None):
    """A horizontal bar chart of ``items``: (label, value, printed value, css class)."""
    items = list(items)
    top = maximum if maximum is not None else max([value for _l, value, *_r in items] or [0])
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2 * PADDING
    bars = []
    for index, (label, value, text, *css) in enumerate(items):
        width = round(room * value / top, 1) if top else 0
        bars.append(
            Bar(
                label=label,
                value=value,
                text=text,
                y=PADDING + index * (BAR_HEIGHT + GAP),
                width=width,
                css=css[0] if css else "",
            )
        )
    height = 2 * PADDING + len(bars) * BAR_HEIGHT + max(len(bars) - 1, 0) * GAP
    return BarChart(title=title, bars=tuple(bars), height=height, maximum=top)


def pairs_by_state(figures):
    rows = [
        (_("Предложены"), figures.proposed, "proposed"),
        (_("Подтверждены"), figures.confirmed, "confirmed"),
        (_("Работают"), figures.active, "active"),
        (_("Завершены"), figures.finished, "finished"),
        (_("Отклонены"), figures.declined, "declined"),
    ]
    return bar_chart(_("Пары по состояниям"), [(label, n, str(n), css) for label, n, css in rows])


def young_coverage(figures):
    known, covered = figures.young_known, figures.young_covered
    return bar_chart(
        _("Молодые педагоги: вовлечены в пары из известных программе"),
        [
            (_("Известно программе"), known, str(known), "known"),
            (
                _("В парах"),
                covered,
                f"{covered} ({figures.young_share}\u00a0%)" if known else str(covered),
                "covered",
            ),
        ],
    )


def satisfaction_by_survey(figures):
    return bar_chart(
        _("Удовлетворённость по анкетам, средний балл из 5"),
        [
            (
                str(SurveyMoment(survey.moment).label).capitalize(),
                survey.average or 0,
                number_format(survey.average, decimal_pos=1) if survey.average is not None else "—",
                "score",
            )
            for survey in figures.surveys
        ],
        maximum=5,
    )
