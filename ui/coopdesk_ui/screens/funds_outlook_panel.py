"""The selected fund's solvency outlook in words, under the funds table.

The table gives two figures per fund; this says what they mean for the selected one, with what
the projection also knows (the chance over three years, the claims expected a month, where the
balance may be in three years), for a board deciding whether to raise the contribution.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from coopdesk.formatting import Formatter
from coopdesk.funds.solvency import SolvencyOutlook
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk_ui.models.fund_list_model import Outlook, OutlookState
from coopdesk_ui.screens.dues_table import heading
from coopdesk_ui.screens.funds_labels import chance_text, fraction_decimal, lasts_text

_TENTH = Decimal("0.1")


class FundOutlookPanel(QWidget):
    """The outlook of one fund in sentences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(_("Outlook"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)

    def show_outlook(self, outlook: Outlook | None, formatter: Formatter, currency: str,
                     failure: str = "") -> None:
        """Say what `outlook` means (None: no fund chosen)."""
        if outlook is None:
            self.text.setText("")
        elif outlook is OutlookState.PENDING:
            self.text.setText(_("Projecting the fund from its claims so far\N{HORIZONTAL ELLIPSIS}"))
        elif outlook is OutlookState.FAILED:
            self.text.setText(_("The projection could not be made: {reason}").format(reason=failure))
        else:
            self.text.setText(self._sentences(outlook, formatter, currency))

    def _sentences(self, figures: SolvencyOutlook, formatter: Formatter, currency: str) -> str:
        lines = [lasts_text(figures.months_lasting) + ".",
                 chance_text(figures.p_above_floor_12, formatter) + "."]
        lines.append(_("{percent} chance over 3 years.").format(
            percent=formatter.percent(fraction_decimal(figures.p_above_floor_36))))
        rate = fraction_decimal(figures.expected_claims_per_month).quantize(_TENTH)
        lines.append(_("About {count} new claims expected a month.").format(
            count=formatter.number(rate)))
        low, middle, high = (Money.from_minor(units, currency)
                             for units in figures.balance_percentiles_36)
        lines.append(_("In 3 years the balance is likely between {low} and {high} "
                       "(most likely about {middle}).").format(
            low=formatter.money(low), high=formatter.money(high), middle=formatter.money(middle)))
        return "\n".join(lines)

