"""The allocation wizard's second page: the draft, as the board reads it before anything is
posted.

The totals (surplus and where it came from, the non-member part, the reserve, what the pools
shared, cash and retained), each pool with its percentage and amount, every member's line
(sortable), the members left out and why, and the core's warnings. "Save the draft as PDF…"
writes the board's allocation table (`coopdesk.patronage.allocation_pdf`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from coopdesk.book import Book
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.money import Money
from coopdesk.patronage.run import AllocationPreview
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.patronage_dialogs import PatronageDialogs
from coopdesk_ui.screens.patronage_draft_model import DraftLineModel
from coopdesk_ui.screens.patronage_excluded_model import ExcludedModel
from coopdesk_ui.screens.patronage_labels import percent_text, year_text
from coopdesk_ui.screens.patronage_tab import fit_columns
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
_WARNING_STYLE = "color: #8a5a00;"


def write_draft_pdf(book: Book, preview: AllocationPreview, path: Path) -> None:
    """Write the draft allocation table as the board's PDF, on the paper the co-op's country
    uses (as the statements do)."""
    # Imported here: ReportLab is slow to import, and most visits to the wizard print nothing.
    from coopdesk.patronage.allocation_pdf import draft_sheet, write_allocation_pdf
    from coopdesk.statements.choices import default_paper
    from coopdesk.statements.layout import PRESETS

    with book.session() as session, session.begin():
        sheet = draft_sheet(session, preview)
    write_allocation_pdf(path, sheet, PRESETS[default_paper(book.settings.locale)])


class DraftPage(QWizardPage):
    """Page 2: shows the `preview` the first page obtained."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.preview: AllocationPreview | None = None
        self.setTitle(_("The draft"))
        self.figures: dict[str, QLabel] = {}
        self.totals = QGridLayout()
        self.totals.setHorizontalSpacing(16)
        self.pools_label = QLabel()
        self.pools_label.setTextFormat(Qt.TextFormat.RichText)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(_WARNING_STYLE)
        self.line_model = DraftLineModel(context.formatter, self)
        self.line_proxy = RawValueSortProxy(self)
        self.line_proxy.setSourceModel(self.line_model)
        self.line_table = records_table(self.line_proxy, 1, sortable=True)
        self.excluded_model = ExcludedModel(context.formatter, self)
        self.excluded_table = records_table(self.excluded_model, 4)
        for table in (self.line_table, self.excluded_table):
            table.horizontalHeader().setDefaultAlignment(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.tables = QTabWidget()
        self.tables.addTab(self.line_table, _("Members"))
        self.tables.addTab(self.excluded_table, _("Left out"))
        self.pdf_button = QPushButton(_("Save the draft as &PDF") + ELLIPSIS)
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.clicked.connect(self.save_pdf)
        top = QHBoxLayout()
        top.addLayout(self.totals)
        top.addStretch(1)
        top.addWidget(self.pdf_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pools_label)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.tables, 1)

    def show_preview(self, preview: AllocationPreview) -> None:
        """Show the draft (the first page's `preview`)."""
        self.preview = preview
        formatter = self.context.formatter
        result = preview.result
        terms = result.terms
        self.setSubTitle(_("The allocation of the fiscal year {year} ({start} to {end}), as it "
                           "would be posted.").format(
            year=year_text(preview.year_start), start=formatter.date(preview.year_start),
            end=formatter.date(preview.year_end)))
        source = (_("from the ledger") if preview.surplus_source == "ledger"
                  else _("entered (the ledger's: {amount})").format(
                      amount=formatter.money(preview.ledger_surplus)))
        rows: list[tuple[str, str, Money, str]] = [
            ("surplus", _("Surplus"), terms.surplus, source),
            ("non_member", _("Earned from non-members"), -terms.non_member, ""),
            ("reserve", _("Reserve"), -result.reserve,
             percent_text(terms.reserve_percent, formatter)),
        ]
        if result.unallocated_pools.is_positive:
            rows.append(("unallocated", _("Pools no one shares in"), -result.unallocated_pools,
                         _("to the reserve")))
        shared = result.allocated - result.unallocated_pools
        rows += [("allocated", _("Allocated to members"), shared, ngettext(
                     "{count} line", "{count} lines", len(preview.lines)).format(
                     count=formatter.number(len(preview.lines)))),
                 ("cash", _("of which in cash"), result.cash,
                  percent_text(terms.cash_percent, formatter)),
                 ("retained", _("of which retained"), result.retained,
                  _("in capital accounts"))]
        self._show_totals(rows)
        pools = "".join(
            "<tr><td>{label}</td><td align='right'>&nbsp;{percent}</td>"
            "<td align='right'>&nbsp;&nbsp;{amount}</td><td>&nbsp;&nbsp;{members}</td></tr>".format(
                label=_html(preview.pool_labels.get(pool.id, "")),
                percent=percent_text(preview.pool_percents.get(pool.id, Decimal(0)), formatter),
                amount=formatter.money(pool.amount),
                members=_html(ngettext("{count} member", "{count} members", pool.members).format(
                    count=pool.members)) if not pool.unallocated else _("no one: to the reserve"))
            for pool in result.pools)
        self.pools_label.setText("<b>{title}</b><table>{rows}</table>".format(
            title=_html(_("Pools")), rows=pools))
        warnings = preview.warnings
        self.warnings_label.setText("\n".join("\N{WARNING SIGN} " + w[:1].upper() + w[1:]
                                              for w in warnings))
        self.warnings_label.setVisible(bool(warnings))
        for model in (self.line_model, self.excluded_model):
            model.set_formatter(formatter)
        self.line_model.set_rows(preview.lines)
        self.excluded_model.set_rows(preview.excluded)
        fit_columns(self.line_table, 1)
        fit_columns(self.excluded_table, 4, widest=420)
        self.tables.setTabText(1, _("Left out ({count})").format(count=len(preview.excluded)))
        self.tables.setTabText(0, _("Members ({count})").format(count=len(preview.lines)))

    def _show_totals(self, rows: list[tuple[str, str, Money, str]]) -> None:
        while self.totals.count():
            item = self.totals.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.figures = {}
        formatter = self.context.formatter
        for line, (key, caption, amount, note) in enumerate(rows):
            figure = QLabel(formatter.money(amount))
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            figure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            name = QLabel(caption)
            if key in ("surplus", "allocated"):
                for label in (name, figure):
                    font = label.font()
                    font.setBold(True)
                    label.setFont(font)
            self.figures[key] = figure
            self.totals.addWidget(name, line, 0)
            self.totals.addWidget(figure, line, 1)
            self.totals.addWidget(QLabel(note), line, 2)

    def save_pdf(self) -> Path | None:
        """Write the draft as the board's PDF table where the user says; the path, or None."""
        book = self.context.host.book
        if self.preview is None or book is None:
            return None
        suggested = book.path.parent / "allocation-{year}-draft.pdf".format(
            year=self.preview.year_start.isoformat())
        path = PatronageDialogs.ask_pdf_path(self, suggested)
        if path is None:
            return None
        try:
            write_draft_pdf(book, self.preview, path)
        except (CoopdeskError, OSError) as exc:
            self.context.tell(exc.message if isinstance(exc, CoopdeskError)
                              else _("The PDF could not be written: {reason}").format(
                                  reason=exc.strerror or str(exc)))
            return None
        return path


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
