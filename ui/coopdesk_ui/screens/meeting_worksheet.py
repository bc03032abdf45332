"""The quorum worksheet at the door: eligible voters, quorum needed, then present, by proxy and
the total, with "Quorum reached" or "N more needed" in large type, readable across a room.

It shows a `Worksheet` of the core (the same figures the printed worksheet has) and is shown
again after every check-in, so it follows people as they arrive.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from coopdesk.formatting import Formatter
from coopdesk.i18n import _, ngettext
from coopdesk.meetings.quorum import Worksheet
from coopdesk_ui.widgets.hint_label import hint_label

_REACHED = "QLabel#quorumState { background: #dff3e4; color: #14532d; border: 1px solid #8cc59b;" \
           " border-radius: 6px; padding: 10px; }"
_SHORT = "QLabel#quorumState { background: #fff4ce; color: #3d3000; border: 1px solid #e3c567;" \
         " border-radius: 6px; padding: 10px; }"
_NONE = "QLabel#quorumState { color: palette(mid); padding: 10px; }"
_FRAME = "QFrame#worksheet { background: palette(base); border: 1px solid palette(mid);" \
         " border-radius: 6px; }"
#: The state line's type, and the figures', as a multiple of the window's font.
STATE_SCALE = 2.2
FIGURE_SCALE = 1.8
CAPTION_SCALE = 1.15


class WorksheetPanel(QFrame):
    """The figures, one per line as the printed worksheet has them, and the state line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("worksheet")
        self.setStyleSheet(_FRAME)
        captions = {"eligible": _("Eligible voters"), "needed": _("Quorum needed"),
                    "present": _("Present"), "by_proxy": _("By proxy"), "total": _("Total")}
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        row = 0
        for key, caption in captions.items():
            if key == "present":
                grid.addWidget(_rule(), row, 0, 1, 2)  # what the meeting needs, then who came
                row += 1
            label = QLabel(caption)
            figure = QLabel("\N{EM DASH}")
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            big = QFont(figure.font())
            big.setPointSizeF(big.pointSizeF() * FIGURE_SCALE)
            big.setBold(key in ("needed", "total"))
            figure.setFont(big)
            caption_font = QFont(label.font())
            caption_font.setPointSizeF(caption_font.pointSizeF() * CAPTION_SCALE)
            label.setFont(caption_font)
            self.figures[key] = figure
            grid.addWidget(label, row, 0)
            grid.addWidget(figure, row, 1)
            row += 1
            if key == "needed":
                self.rule_label = hint_label()
                grid.addWidget(self.rule_label, row, 0, 1, 2)
                row += 1
        grid.setColumnStretch(0, 1)
        self.state_label = QLabel()
        self.state_label.setObjectName("quorumState")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label.setWordWrap(True)
        font = QFont(self.state_label.font())
        font.setPointSizeF(font.pointSizeF() * STATE_SCALE)
        font.setBold(True)
        self.state_label.setFont(font)
        title = QLabel(_("Quorum worksheet"))
        bold = QFont(title.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        title.setFont(bold)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 14)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.state_label)
        self.show_worksheet(None, None, "")

    def show_worksheet(self, worksheet: Worksheet | None, formatter: Formatter | None,
                       rule: str) -> None:
        """Show `worksheet` (None: no meeting), the quorum rule `rule` in words under "needed"."""
        self.rule_label.setText(rule)
        if worksheet is None or formatter is None:
            for figure in self.figures.values():
                figure.setText("\N{EM DASH}")
            self.state_label.setText(_("No meeting chosen"))
            self.state_label.setStyleSheet(_NONE)
            return
        values = {"eligible": worksheet.eligible, "needed": worksheet.needed,
                  "present": worksheet.present, "by_proxy": worksheet.by_proxy,
                  "total": worksheet.total}
        for key, value in values.items():
            self.figures[key].setText(formatter.number(value))
        if worksheet.reached:
            self.state_label.setText(_("Quorum reached"))
            self.state_label.setStyleSheet(_REACHED)
        else:
            self.state_label.setText(ngettext("{count} more needed", "{count} more needed",
                                              worksheet.still_needed).format(
                count=formatter.number(worksheet.still_needed)))
            self.state_label.setStyleSheet(_SHORT)
        self.state_label.setAccessibleName(self.state_label.text())

    def figure(self, key: str) -> str:
        """The figure shown for `key` (eligible, needed, present, by_proxy, total)."""
        return self.figures[key].text()

    def state_text(self) -> str:
        return self.state_label.text()


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
