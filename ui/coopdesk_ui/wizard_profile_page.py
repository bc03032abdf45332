"""The new-book wizard's first page: the co-op's name and where it receives post."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizardPage

from coopdesk.i18n import _
from coopdesk.settings import BookSettings
from coopdesk_ui.settings_profile_form import ProfileForm


class ProfilePage(QWizardPage):
    """Next is refused until the co-op has a name and the contact details look right."""

    def __init__(self, settings: BookSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Your co-op"))
        self.setSubTitle(_("The name and address appear on statements and letters. Only the "
                           "name is needed now; the rest can wait for Edit \N{RIGHTWARDS ARROW} "
                           "Settings."))
        self.form = ProfileForm()
        self.form.set_settings(settings)
        self.form.changed.connect(self.completeChanged)
        QVBoxLayout(self).addWidget(self.form)

    def isComplete(self) -> bool:
        return self.form.is_valid()

    def initializePage(self) -> None:
        self.form.name_edit.setFocus()
