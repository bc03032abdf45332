"""Page setup for statements: where the member's address sits, for the treasurer's envelopes.

Window envelopes differ a little from the standards, and printers feed a few millimetres off:
the treasurer moves the address right or down (in mm) for each paper, and the offsets are kept
in the user's Qt settings (this computer's envelopes and printer, not the book's). Only the
address moves (`choices.adjusted_layout`): the rest of the page stays as the standard sets it.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import _
from coopdesk.statements.choices import MAX_OFFSET_MM, adjusted_layout
from coopdesk.statements.layout import Layout

_KEY = "statements/page_setup/{paper}/{direction}"
STEP_MM = 0.5


def _stored(settings: QSettings, key: str) -> float:
    try:
        value = float(str(settings.value(key, 0.0)))
    except ValueError:
        return 0.0
    return max(-MAX_OFFSET_MM, min(MAX_OFFSET_MM, value))


def address_offsets(paper: str, settings: QSettings | None = None) -> tuple[float, float]:
    """How far (mm) the user moved the address right and down for `paper` ("a4", "letter")."""
    settings = settings if settings is not None else QSettings()
    return (_stored(settings, _KEY.format(paper=paper, direction="right")),
            _stored(settings, _KEY.format(paper=paper, direction="down")))


def save_address_offsets(paper: str, right: float, down: float,
                         settings: QSettings | None = None) -> None:
    """Keep the address offsets for `paper` (0, 0: the standard, so nothing is kept)."""
    settings = settings if settings is not None else QSettings()
    for direction, value in (("right", right), ("down", down)):
        key = _KEY.format(paper=paper, direction=direction)
        if value:
            settings.setValue(key, value)
        else:
            settings.remove(key)


def page_layout(paper: str, settings: QSettings | None = None) -> Layout:
    """The layout statements on `paper` are printed with: the preset, adjusted by the user."""
    return adjusted_layout(paper, *address_offsets(paper, settings))


def _offset_box() -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
    box.setSingleStep(STEP_MM)
    box.setDecimals(1)
    box.setSuffix(" " + _("mm"))
    box.setAccelerated(True)
    return box


class PageSetupDialog(QDialog):
    """Move the address window for one paper; OK keeps the offsets (`save`)."""

    def __init__(self, paper: str, paper_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paper = paper
        self.setWindowTitle(_("Page setup"))
        intro = QLabel(_("If the address does not sit in your envelopes' window, move it here. "
                         "For {paper}; the rest of the page stays as the standard sets it.")
                       .format(paper=paper_name))
        intro.setWordWrap(True)
        self.right = _offset_box()
        self.down = _offset_box()
        self.right.setToolTip(_("A negative distance moves the address to the left."))
        self.down.setToolTip(_("A negative distance moves the address up."))
        right, down = address_offsets(paper)
        self.right.setValue(right)
        self.down.setValue(down)
        self.reset_button = QPushButton(_("&Reset to the standard"))
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(self.reset)

        form = QFormLayout()
        form.addRow(_("Move the address &right by:"), self.right)
        form.addRow(_("Move the address &down by:"), self.down)
        form.addRow("", self.reset_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def reset(self) -> None:
        """Put the address back where the standard places it."""
        self.right.setValue(0.0)
        self.down.setValue(0.0)

    def accept(self) -> None:
        save_address_offsets(self.paper, self.right.value(), self.down.value())
        super().accept()
