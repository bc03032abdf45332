"""The co-op's logo in the settings: a thumbnail, Choose… and Remove.

The picked file is checked (and scaled down) by the core's `prepared_logo` at once, so a file
that is not a PNG or JPEG is said under the picker and never reaches the book; the change is
written with the rest of the settings when the dialog's OK is clicked (`LogoChange`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.book_setup import LogoChange
from coopdesk.errors import ValidationError
from coopdesk.i18n import _
from coopdesk.logo import MAX_FILE_BYTES, prepared_logo
from coopdesk_ui.widgets import file_dialogs
from coopdesk_ui.widgets.field_error import FieldError

#: The thumbnail's box on screen, in pixels.
THUMBNAIL = (160, 64)


class LogoDialogs:
    """The file dialog, behind a classmethod that tests replace."""

    @classmethod
    def ask_image_path(cls, parent: QWidget | None) -> Path | None:
        return file_dialogs.ask_open_path(parent, _("Choose the co-op's logo"), None,
                                          _("Images (*.png *.jpg *.jpeg)"))


class LogoPicker(QWidget):
    """Shows the logo the letterhead prints; `change()` is what the user did, if anything."""

    changed = Signal()

    def __init__(self, current: bytes | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current = current
        self._chosen: LogoChange | None = None
        self.thumbnail = QLabel()
        self.thumbnail.setFixedSize(*THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet("border: 1px solid palette(mid); background: white;")
        self.choose_button = QPushButton(_("Choose &file…"))
        self.remove_button = QPushButton(_("Remo&ve"))
        self.error = FieldError()
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.thumbnail)
        row.addLayout(buttons)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.error)
        self.setFocusProxy(self.choose_button)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove)
        self._show()

    def change(self) -> LogoChange | None:
        """The new logo or its removal; None when the book's logo stays as it is."""
        return self._chosen

    def choose(self) -> None:
        """Ask for an image file and take it, or say under the picker why it cannot be used."""
        path = LogoDialogs.ask_image_path(self)
        if path is not None:
            self.take_file(path)

    def take_file(self, path: Path) -> bool:
        """Use the image at `path` (checked and scaled down now); False, said, if unusable."""
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ValidationError([_("the file is larger than 10 MB: choose a smaller image")])
            logo = prepared_logo(path.read_bytes())
        except OSError as exc:
            self.error.say(_("{file} could not be read: {reason}").format(
                file=path.name, reason=exc.strerror or exc))
            return False
        except ValidationError as exc:
            self.error.say(_("{file} cannot be used: {reason}.").format(
                file=path.name, reason="; ".join(exc.problems)))
            return False
        self._chosen = LogoChange(logo.data)
        self._after_change()
        return True

    def remove(self) -> None:
        self._chosen = LogoChange(None)
        self._after_change()

    def set_editable(self, editable: bool) -> None:
        self.choose_button.setVisible(editable)
        self.remove_button.setVisible(editable)

    def _after_change(self) -> None:
        self.error.say("")
        self._show()
        self.changed.emit()

    def shown_logo(self) -> bytes | None:
        """The logo the letterhead will print once the dialog is accepted."""
        return self._chosen.data if self._chosen is not None else self._current

    def _show(self) -> None:
        data = self.shown_logo()
        pixmap = QPixmap()
        if data is not None and pixmap.loadFromData(data):
            width, height = THUMBNAIL
            self.thumbnail.setPixmap(pixmap.scaled(width - 8, height - 8,
                                                   Qt.AspectRatioMode.KeepAspectRatio,
                                                   Qt.TransformationMode.SmoothTransformation))
        else:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(_("No logo"))
        self.remove_button.setEnabled(data is not None)
