"""The annual report's charts, drawn with ReportLab's own graphics (no matplotlib).

- `members_chart`: members at each fiscal year's end since the book began (bars, the count on
  each).
- `dues_chart`: dues charged and collected for each month of the year (pairs of bars).
- `fund_chart`: a fund's balance at each month's end (a line with its points).

Each returns a `Drawing` of the size asked (mm) whose words and figures are the book's
language's (`PackWords`): month names, amounts as the locale writes them (compact on the axes:
"$1K"). Amounts become floats here only as positions on the drawing; every label is written
from the exact figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import babel.numbers
from reportlab.graphics.charts.barcharts import VerticalBarChart  # type: ignore[import-untyped]
from reportlab.graphics.charts.legends import Legend  # type: ignore[import-untyped]
from reportlab.graphics.charts.lineplots import LinePlot  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing, String  # type: ignore[import-untyped]
from reportlab.graphics.widgets.markers import makeMarker  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]

from coopdesk.meetings.pack_pages import PackWords
from coopdesk.money import Money
from coopdesk.statements import style
from coopdesk.statements.fonts import BOLD, REGULAR

ACCENT = colors.Color(*style.ACCENT)
LIGHT = colors.Color(0.70, 0.80, 0.82)
GRID = colors.Color(0.86, 0.86, 0.86)
INK = colors.Color(style.INK, style.INK, style.INK)
MUTED = colors.Color(style.MUTED, style.MUTED, style.MUTED)
LABEL_SIZE = 6.5
TITLE_SIZE = 8.0


def members_chart(words: PackWords, title: str, points: Sequence[tuple[str, int]],
                  width: float, height: float) -> Drawing:
    """Bars: members at each year's end, the count written on each bar."""
    drawing, chart = _bar_chart(title, width, height)
    chart.data = [[count for _, count in points] or [0]]
    chart.categoryAxis.categoryNames = [label for label, _ in points] or [""]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda value: words.number(int(value))
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.fillColor = INK
    chart.barLabels.nudge = 5
    chart.valueAxis.labelTextFormat = lambda value: words.number(int(value))
    chart.valueAxis.valueMax = _headroom(max((count for _, count in points), default=1), 1.15)
    chart.barWidth = 10
    drawing.add(chart)
    return drawing


def dues_chart(words: PackWords, title: str, series_names: tuple[str, str],
               months: Sequence[tuple[dt.date, Money, Money]], width: float,
               height: float) -> Drawing:
    """Pairs of bars: dues charged and collected for each month."""
    drawing, chart = _bar_chart(title, width, height, legend_room=True)
    currency = months[0][1].currency if months else "USD"
    chart.data = [[float(charged.amount) for _, charged, _ in months] or [0.0],
                  [float(collected.amount) for _, _, collected in months] or [0.0]]
    chart.categoryAxis.categoryNames = [words.write.month(month, "short") for month, _, _ in months]
    chart.bars[0].fillColor = LIGHT
    chart.bars[1].fillColor = ACCENT
    for i in (0, 1):
        chart.bars[i].strokeColor = None
    chart.groupSpacing = 6
    chart.barSpacing = 0.5
    top = max((max(charged.amount, collected.amount) for _, charged, collected in months),
              default=Decimal(1))
    chart.valueAxis.valueMax = _headroom(float(top), 1.1)
    chart.valueAxis.labelTextFormat = lambda value: _compact(value, currency, words)
    drawing.add(chart)
    _legend(drawing, width, height, ((LIGHT, series_names[0]), (ACCENT, series_names[1])))
    return drawing


def fund_chart(words: PackWords, title: str, balances: Sequence[tuple[dt.date, Money]],
               width: float, height: float) -> Drawing:
    """A line: the fund's balance at each month's end."""
    drawing = Drawing(width * mm, height * mm)
    drawing.add(String(0, height * mm - TITLE_SIZE, title, fontName=BOLD, fontSize=TITLE_SIZE,
                       fillColor=INK))
    chart = LinePlot()
    _place(chart, width, height, legend_room=False)
    currency = balances[0][1].currency if balances else "USD"
    points = [(float(i + 1), float(amount.amount)) for i, (_, amount) in enumerate(balances)]
    chart.data = [points or [(1.0, 0.0)]]
    names = {i + 1: words.write.month(day, "short") for i, (day, _) in enumerate(balances)}
    chart.lines[0].strokeColor = ACCENT
    chart.lines[0].strokeWidth = 1.6
    chart.lines[0].symbol = makeMarker("FilledCircle", size=3.2, fillColor=ACCENT,
                                       strokeColor=ACCENT)
    chart.xValueAxis.valueMin = 0.5
    chart.xValueAxis.valueMax = max(len(points), 1) + 0.5
    chart.xValueAxis.valueSteps = [float(n) for n in names] or [1.0]
    chart.xValueAxis.labelTextFormat = lambda value: names.get(int(round(value)), "")
    chart.xValueAxis.visibleGrid = False
    lowest = min((amount for _, amount in points), default=0.0)
    chart.yValueAxis.valueMin = min(0.0, lowest)
    chart.yValueAxis.valueMax = _headroom(max((amount for _, amount in points), default=1.0), 1.1)
    chart.yValueAxis.labelTextFormat = lambda value: _compact(value, currency, words)
    for axis in (chart.xValueAxis, chart.yValueAxis):
        _axis_style(axis)
    chart.yValueAxis.visibleGrid = True
    chart.yValueAxis.gridStrokeColor = GRID
    chart.yValueAxis.gridStrokeWidth = 0.4
    chart.yValueAxis.visibleAxis = False
    chart.yValueAxis.visibleTicks = False
    drawing.add(chart)
    return drawing


def _bar_chart(title: str, width: float, height: float, *,
               legend_room: bool = False) -> tuple[Drawing, VerticalBarChart]:
    drawing = Drawing(width * mm, height * mm)
    drawing.add(String(0, height * mm - TITLE_SIZE, title, fontName=BOLD, fontSize=TITLE_SIZE,
                       fillColor=INK))
    chart = VerticalBarChart()
    _place(chart, width, height, legend_room=legend_room)
    chart.valueAxis.valueMin = 0
    for axis in (chart.categoryAxis, chart.valueAxis):
        _axis_style(axis)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.visibleAxis = False
    chart.valueAxis.visibleTicks = False
    chart.categoryAxis.visibleTicks = False
    return drawing, chart


def _place(chart: VerticalBarChart | LinePlot, width: float, height: float, *,
           legend_room: bool) -> None:
    """The plot area inside the drawing: room for the title above, the value labels at the
    left, the category labels (and the legend) below."""
    chart.x = 34
    chart.y = 14
    chart.width = width * mm - chart.x - 6
    chart.height = height * mm - chart.y - TITLE_SIZE - (14 if legend_room else 10)


def _axis_style(axis: object) -> None:
    labels = axis.labels  # type: ignore[attr-defined]
    labels.fontName = REGULAR
    labels.fontSize = LABEL_SIZE
    labels.fillColor = MUTED
    axis.strokeColor = GRID  # type: ignore[attr-defined]
    axis.strokeWidth = 0.6  # type: ignore[attr-defined]


def _legend(drawing: Drawing, width: float, height: float,
            entries: Sequence[tuple[colors.Color, str]]) -> None:
    legend = Legend()
    legend.x = width * mm
    legend.y = height * mm - 1
    legend.boxAnchor = "ne"
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 60
    legend.dx = 7
    legend.dy = 7
    legend.fontName = REGULAR
    legend.fontSize = LABEL_SIZE + 0.5
    legend.fillColor = INK
    legend.strokeColor = None
    legend.colorNamePairs = list(entries)
    drawing.add(legend)


def _headroom(top: float, factor: float) -> float:
    return max(float(top) * factor, 1.0)


def _compact(value: float, currency: str, words: PackWords) -> str:
    """An axis amount, short: "$40", "$1.2K", "1,2 k€"."""
    amount = Decimal(repr(value)).quantize(Decimal("0.01"))
    return str(babel.numbers.format_compact_currency(amount, currency, locale=words.locale,
                                                     fraction_digits=1))
