"""The Dashboard: where the co-op stands today, at a glance.

Members by status, what is owed (a tile that opens the members who owe), the cash, dues
collected this month and this fiscal year, and a chart of the last twelve months. All of it
comes from one core query (`coopdesk.dashboard.dashboard`), so the screen only formats and
places figures; it is the first screen shown, and must be drawn at once even on a large book.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.dashboard import Dashboard, dashboard
from coopdesk.formatting import Formatter
from coopdesk.i18n import _, ngettext
from coopdesk.members.types import Status
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.member_labels import status_label
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.targets import OwingMembersTarget
from coopdesk_ui.widgets.bar_chart import Bar, BarChart
from coopdesk_ui.widgets.stat_tile import ButtonTile, StatTile

NOTHING = "\N{EM DASH}"


def percent(formatter: Formatter, part: Money, whole: Money) -> str:
    """`part` as a whole percentage of `whole` (not zero), as the locale writes it ("83%",
    "83 %")."""
    return formatter.percent(part.amount / whole.amount)


class DashboardScreen(Screen):
    """Tiles of figures over a chart of dues collected per month."""

    key = "dashboard"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        #: The figures on view (None when no book is open).
        self.figures: Dashboard | None = None

        heading = QLabel(_("Dashboard"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.as_of_label = QLabel()
        self.as_of_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.active_tile = StatTile(_("Active members"))
        # The two standings by their names in the members screen's filter and table.
        self.in_grace_tile = StatTile(status_label(Status.IN_GRACE))
        self.lapsed_tile = StatTile(status_label(Status.LAPSED))
        self.owing_tile = ButtonTile(_("Members owing dues"))
        self.owing_tile.setToolTip(_("Show the members who owe dues"))
        self.cash_tile = StatTile(_("Cash and bank"))
        self.month_tile = StatTile(_("Dues collected this month"))
        self.year_tile = StatTile(_("Dues collected this fiscal year"))

        self.chart_title = QLabel(_("Dues collected per month"))
        title_font = QFont(self.chart_title.font())
        title_font.setBold(True)
        self.chart_title.setFont(title_font)
        self.chart = BarChart()
        self.chart.setAccessibleName(_("Dues collected per month"))
        self.chart.set_legend(_("Collected"), _("Charged"))
        self.chart.set_empty_text(_("No dues were charged in these twelve months."))

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.as_of_label)
        # Twelve columns: the members' four tiles take three each, the money's three take four.
        tiles = QGridLayout()
        tiles.setSpacing(10)
        for column, tile in enumerate((self.active_tile, self.in_grace_tile, self.lapsed_tile,
                                       self.owing_tile)):
            tiles.addWidget(tile, 0, 3 * column, 1, 3)
        for column, tile in enumerate((self.cash_tile, self.month_tile, self.year_tile)):
            tiles.addWidget(tile, 1, 4 * column, 1, 4)
        for column in range(12):
            tiles.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(4)
        layout.addLayout(tiles)
        layout.addSpacing(12)
        layout.addWidget(self.chart_title)
        layout.addWidget(self.chart, 1)

        self.owing_tile.clicked.connect(self.show_owing_members)

    @property
    def title(self) -> str:
        return _("Dashboard")

    # -- following the book -------------------------------------------------------------

    def reload(self) -> None:
        self.show_figures(self.context.read(dashboard, clock.today()))

    def clear(self) -> None:
        self.figures = None
        self.as_of_label.clear()
        for tile in (self.active_tile, self.in_grace_tile, self.lapsed_tile, self.owing_tile,
                     self.cash_tile, self.month_tile, self.year_tile):
            tile.set_value(NOTHING)
        self.chart.set_bars([])

    def is_affected(self, changes: ChangeSet) -> bool:
        # Every figure is a sum over entries or a fact about members; a new plan or class
        # changes none of them until a dues run posts entries.
        return bool(changes.entries or changes.members or changes.accounts)

    def showEvent(self, event: QShowEvent) -> None:
        # Left open overnight, "this month" and every status move on with the date.
        if self.figures is not None and self.figures.as_of != clock.today():
            self._stale = True
        super().showEvent(event)

    def show_owing_members(self) -> None:
        """Open the members screen on the members who owe dues."""
        self.context.navigate("members", OwingMembersTarget())

    # -- showing ------------------------------------------------------------------------

    def show_figures(self, figures: Dashboard) -> None:
        """Put `figures` on the tiles and the chart."""
        self.figures = figures
        fmt = self.context.formatter
        money, number = fmt.money, fmt.number
        self.as_of_label.setText(_("As of today, {date}").format(date=fmt.date(figures.as_of, "long")))

        left = figures.withdrawn + figures.deceased
        self.active_tile.set_value(number(figures.active), _("{pending} pending, {left} left").format(
            pending=number(figures.pending), left=number(left)))
        grace = figures.grace_months
        self.in_grace_tile.set_value(number(figures.in_grace), ngettext(
            "Up to {months} month behind", "Up to {months} months behind",
            grace).format(months=number(grace)) if grace else _("No grace allowance is set"))
        self.lapsed_tile.set_value(number(figures.lapsed), ngettext(
            "More than {months} month behind", "More than {months} months behind",
            grace).format(months=number(grace)))
        self.owing_tile.set_value(number(figures.owing_members), _(
            "{amount} owed \N{MIDDLE DOT} See who \N{RIGHTWARDS ARROW}").format(
                amount=money(figures.owed_total)))

        self.cash_tile.set_value(money(figures.cash_balance), _("Cash box and bank accounts"))
        month = fmt.month(figures.as_of, "long_year")
        charged = figures.charged_this_month
        self.month_tile.set_value(money(figures.collected_this_month), _(
            "{percent} of {charged} charged in {month}").format(
                percent=percent(fmt, figures.collected_this_month, charged), charged=money(charged),
                month=month) if charged.is_positive else _("Nothing charged in {month}").format(month=month))
        since = fmt.date(figures.fiscal_year_start, "medium")
        charged = figures.charged_this_year
        self.year_tile.set_value(money(figures.collected_this_year), _(
            "{percent} of {charged} charged since {date}").format(
                percent=percent(fmt, figures.collected_this_year, charged), charged=money(charged),
                date=since) if charged.is_positive else _("Nothing charged since {date}").format(date=since))
        self._show_chart(figures)

    def _show_chart(self, figures: Dashboard) -> None:
        fmt = self.context.formatter
        self.chart_title.setText(_("Dues collected per month ({currency})").format(
            currency=figures.cash_balance.currency))
        self.chart.set_value_text(lambda value: fmt.number(value.normalize()))
        bars = [Bar(fmt.month(m.month, "short"), m.collected.amount,
                    _("{month}: {collected} collected of {charged} charged.").format(
                        month=fmt.month(m.month, "long_year"), collected=fmt.money(m.collected),
                        charged=fmt.money(m.charged)),
                    reference=m.charged.amount)
                for m in figures.months]
        first, last = figures.months[0].month, figures.months[-1].month
        self.chart.set_bars(bars, _("Dues collected per month, {first} to {last}.").format(
            first=fmt.month(first, "long_year"), last=fmt.month(last, "long_year")))
