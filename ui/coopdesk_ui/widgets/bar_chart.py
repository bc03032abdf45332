"""A small bar chart drawn with QPainter: one bar per label, each over an optional lighter
"reference" bar (what was charged, behind what was collected).

No plotting library: a dozen bars need a few rectangles and labels, and drawing them here lets
the chart take its colours from the palette (so it follows dark themes) and its text from the
caller (amounts and months in the book's locale). Every bar's text is its tooltip on hover and
part of the widget's accessible description, so the figures never exist only as pixels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from coopdesk.i18n import _

#: How many gaps between grid lines the value axis aims for.
_TICKS = 4
_PAD = 6.0


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its short axis label, its value, an optional reference value drawn behind it,
    and the sentence that says all of it (tooltip and accessible text)."""

    label: str
    value: Decimal
    text: str
    reference: Decimal | None = None


def nice_scale(top: Decimal, ticks: int = _TICKS) -> tuple[Decimal, Decimal]:
    """(step, axis maximum) for values up to `top`: a step of 1, 2, 2.5 or 5 times a power of
    ten, and the smallest multiple of it that reaches `top`. (1, 1) for nothing above zero."""
    if top <= 0:
        return Decimal(1), Decimal(1)
    raw = top / ticks
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = next(m * magnitude for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
                if raw <= m * magnitude)
    return step, step * math.ceil(top / step)


def bar_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """The colours of the bars and of the reference bars behind them: the palette's highlight,
    full and faint, so the chart follows the theme (light or dark)."""
    accent = palette.color(QPalette.ColorRole.Highlight)
    behind = QColor(accent)
    behind.setAlphaF(0.25)
    return accent, behind


class BarChart(QWidget):
    """Bars over a value axis with grid lines; labels under the bars, thinned when crowded."""

    def __init__(self, parent: QWidget | None = None,
                 value_text: Callable[[Decimal], str] = str) -> None:
        super().__init__(parent)
        self._bars: tuple[Bar, ...] = ()
        self._value_text = value_text
        self._hovered: int | None = None
        self._empty_text = _("Nothing to show yet.")
        self._summary = ""
        self._legend = ("", "")
        self.setMouseTracking(True)  # hover highlight without a button pressed
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    # -- content ------------------------------------------------------------------------

    def set_bars(self, bars: Sequence[Bar], summary: str = "") -> None:
        """Show `bars`, left to right; `summary` opens the accessible description."""
        self._bars = tuple(bars)
        self._summary = summary
        self._hovered = None
        self.setAccessibleDescription(self.description())
        self.update()

    def bars(self) -> tuple[Bar, ...]:
        """The bars shown, left to right."""
        return self._bars

    def set_value_text(self, value_text: Callable[[Decimal], str]) -> None:
        """How the value axis writes its numbers (the caller's locale)."""
        self._value_text = value_text
        self.update()

    def set_empty_text(self, text: str) -> None:
        """What the chart says when there are no bars, or only zeros."""
        self._empty_text = text
        self.setAccessibleDescription(self.description())
        self.update()

    def set_legend(self, value_name: str, reference_name: str = "") -> None:
        """Name the bars (and the reference bars behind them) in a legend above the chart."""
        self._legend = (value_name, reference_name)
        self.update()

    def description(self) -> str:
        """The chart as text: the summary, then every bar's sentence (or the empty text)."""
        parts = [self._summary] if self._summary else []
        if self._has_values():
            parts.extend(bar.text for bar in self._bars)
        else:
            parts.append(self._empty_text)
        return "\n".join(parts)

    def bar_at(self, pos: QPoint | QPointF) -> int | None:
        """The index of the bar whose column holds `pos`, or None."""
        plot = self._plot_rect()
        if not self._bars or not plot.contains(QPointF(pos)):
            return None
        index = int((pos.x() - plot.left()) / (plot.width() / len(self._bars)))
        return index if 0 <= index < len(self._bars) else None

    def bar_rect(self, index: int) -> QRectF:
        """Where bar `index` is drawn (its value; the reference may reach higher)."""
        plot = self._plot_rect()
        return self._bar_geometry(plot, index, self._bars[index].value, self._axis_top())

    # -- Qt -----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(max(480, 44 * len(self._bars)), 10 * line)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(200, 6 * line)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            index = self.bar_at(event.pos())
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self._bars[index].text, self)
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._set_hovered(self.bar_at(event.position()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hovered(None)
        super().leaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    # -- drawing ------------------------------------------------------------------------

    def _has_values(self) -> bool:
        return any(bar.value > 0 or (bar.reference or 0) > 0 for bar in self._bars)

    def _axis_top(self) -> Decimal:
        return self._tick_values()[-1]

    def _tick_values(self) -> list[Decimal]:
        """The values of the grid lines, zero first, the top of the axis last."""
        top = max((max(bar.value, bar.reference or Decimal(0)) for bar in self._bars), default=Decimal(0))
        step, axis_top = nice_scale(top)
        return [step * i for i in range(int(axis_top / step) + 1)]

    def _plot_rect(self) -> QRectF:
        """The area the bars stand in: room left for the value labels, below for the labels."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(self._value_text(v)) for v in self._tick_values()),
                     default=0)
        line = metrics.height()
        top = line / 2 + _PAD + (line + _PAD if any(self._legend) else 0)
        return QRectF(widest + 2 * _PAD, top, max(1.0, self.width() - widest - 3 * _PAD),
                      max(1.0, self.height() - top - line - 2 * _PAD))

    def _bar_geometry(self, plot: QRectF, index: int, value: Decimal, axis_top: Decimal) -> QRectF:
        slot = plot.width() / len(self._bars)
        width = max(2.0, slot * 0.62)
        height = plot.height() * float(value / axis_top) if axis_top > 0 else 0.0
        left = plot.left() + slot * index + (slot - width) / 2
        return QRectF(left, plot.bottom() - height, width, height)

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlphaF(0.65)
        grid = QColor(text)
        grid.setAlphaF(0.15)
        plot = self._plot_rect()
        metrics = self.fontMetrics()
        line = metrics.height()

        # Value axis: grid lines with their amounts, the baseline stronger.
        ticks = self._tick_values()
        axis_top = ticks[-1]
        for value in ticks:
            y = plot.bottom() - plot.height() * float(value / axis_top)
            painter.setPen(QPen(grid if value else muted, 1.0))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            painter.drawText(QRectF(0, y - line / 2, plot.left() - _PAD, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self._value_text(value))

        if not self._has_values():
            painter.setPen(muted)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self._empty_text)
        else:
            self._paint_bars(painter, plot, axis_top, palette)
        self._paint_legend(painter, palette, muted)

        # Category labels, every one when they fit, else every second, third...
        if not self._bars:
            return
        slot = plot.width() / len(self._bars)
        widest = max(metrics.horizontalAdvance(bar.label) for bar in self._bars) + _PAD
        every = max(1, math.ceil(widest / slot))
        painter.setPen(muted)
        for index, bar in enumerate(self._bars):
            if (len(self._bars) - 1 - index) % every:  # keep the latest label
                continue
            centre = plot.left() + slot * (index + 0.5)
            painter.drawText(QRectF(centre - slot * every / 2, plot.bottom() + _PAD / 2,
                                    slot * every, line),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, bar.label)

    def _paint_bars(self, painter: QPainter, plot: QRectF, axis_top: Decimal, palette: QPalette) -> None:
        accent, behind = bar_colours(palette)
        hovered = accent.lighter(125) if accent.lightness() < 128 else accent.darker(115)
        painter.setPen(Qt.PenStyle.NoPen)
        for index, bar in enumerate(self._bars):
            if bar.reference:
                painter.setBrush(behind)
                painter.drawRect(self._bar_geometry(plot, index, bar.reference, axis_top))
            if bar.value:
                painter.setBrush(hovered if index == self._hovered else accent)
                painter.drawRect(self._bar_geometry(plot, index, bar.value, axis_top))

    def _paint_legend(self, painter: QPainter, palette: QPalette, text: QColor) -> None:
        """A swatch and a name for each kind of bar, right-aligned on the top line."""
        metrics = self.fontMetrics()
        line = metrics.height()
        accent, behind = bar_colours(palette)
        right = self.width() - _PAD
        for name, colour in reversed(list(zip(self._legend, (accent, behind), strict=True))):
            if not name:
                continue
            width = metrics.horizontalAdvance(name)
            painter.setPen(text)
            painter.drawText(QRectF(right - width, _PAD, width, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
            swatch = line * 0.7
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRect(QRectF(right - width - _PAD - swatch, _PAD + (line - swatch) / 2,
                                    swatch, swatch))
            right -= width + 3 * _PAD + swatch

    def _set_hovered(self, index: int | None) -> None:
        if index != self._hovered:
            self._hovered = index
            self.update()
