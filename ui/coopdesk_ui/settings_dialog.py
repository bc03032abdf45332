"""Edit > Settings: the co-op's profile, money and language, rules, dues plans, member classes.

Everything changed in the dialog is written by one `apply_setup` call when OK is clicked (one
transaction, one ChangeSet: the window title and every view follow). A read-only book's
settings are shown with every field locked and a note saying why.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from coopdesk.book_setup import ClassDraft, PlanDraft, apply_setup
from coopdesk.dues.plans import list_plans
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.logo import load_logo
from coopdesk.members.queries import list_classes
from coopdesk.settings import BookSettings, holds_amounts
from coopdesk_ui.context import AppContext
from coopdesk_ui.settings_classes_tab import ClassesTab
from coopdesk_ui.settings_money_form import MoneyForm
from coopdesk_ui.settings_plans_tab import PlansTab
from coopdesk_ui.settings_profile_form import ProfileForm
from coopdesk_ui.settings_rules_form import RulesForm
from coopdesk_ui.widgets.hint_label import hint_label
from coopdesk_ui.widgets.logo_picker import LogoPicker
from coopdesk_ui.widgets.notice_banner import NoticeBanner

DIALOG_SIZE = (620, 560)


class SettingsDialogs:
    """The dialog's modal run, behind a classmethod that tests replace."""

    @classmethod
    def run(cls, dialog: QDialog) -> bool:
        """Show `dialog` until it is closed; True if OK saved it."""
        return dialog.exec() == QDialog.DialogCode.Accepted


class SettingsDialog(QDialog):
    """Tabs of settings over the open book; `accept` writes them all at once."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        book = context.host.require()
        self._original = book.settings
        self._editable = context.writable
        self.setWindowTitle(_("Settings of {name}").format(name=book.settings.name))
        self.resize(*DIALOG_SIZE)

        self.profile_form = ProfileForm()
        self.profile_form.set_settings(self._original)
        logo = context.read(load_logo)
        self.logo_picker = LogoPicker(logo.data if logo is not None else None)
        self.profile_form.add_row(_("&Logo:"), self.logo_picker)
        self.money_form = MoneyForm(self._original)
        if context.read(holds_amounts):
            self.money_form.set_currency_locked(
                _("The book already holds amounts in {currency}, so its currency cannot "
                  "change.").format(currency=self._original.currency))
        self.rules_form = RulesForm(self._original.grace_months)
        formatter = Formatter(self._original.locale)
        self.plans_tab = PlansTab(context.read(list_plans), formatter, self._original.currency)
        self.classes_tab = ClassesTab(context.read(list_classes))

        self.tabs = QTabWidget()
        self._holders: dict[QWidget, QWidget] = {}
        for page, title in ((self.profile_form, _("C&o-op")),
                            (self.money_form, _("&Money && language")),
                            (self.rules_form, _("&Rules")),
                            (self.plans_tab, _("&Dues plans")),
                            (self.classes_tab, _("Member cla&sses"))):
            self._holders[page] = _padded(page)
            self.tabs.addTab(self._holders[page], title)
        self.buttons = QDialogButtonBox()
        layout = QVBoxLayout(self)
        if not self._editable:
            banner = NoticeBanner()
            banner.show_notices([_("This book is open for reading only: its settings are "
                                   "shown but cannot be changed.")])
            layout.addWidget(banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        if self._editable:
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok
                                            | QDialogButtonBox.StandardButton.Cancel)
        else:
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
            self.logo_picker.set_editable(False)
            for form in (self.profile_form, self.money_form, self.rules_form, self.plans_tab,
                         self.classes_tab):
                form.set_editable(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.profile_form.changed.connect(self._check)
        self.money_form.changed.connect(self._money_changed)
        self.plans_tab.added.connect(self._plan_added)
        self._check()

    # -- what was chosen ----------------------------------------------------------------

    def chosen_settings(self) -> BookSettings:
        """The settings as the dialog shows them now."""
        settings = self.money_form.applied_to(self.profile_form.applied_to(self._original))
        return dataclasses.replace(settings, grace_months=self.rules_form.grace_months)

    def accept(self) -> None:
        """Write every change in one transaction, then close; stay open if it is refused."""
        if not self._editable:
            super().reject()
            return
        if not self.profile_form.is_valid():
            self.tabs.setCurrentWidget(self._holders[self.profile_form])
            self.profile_form.name_edit.setFocus()
            return
        drafts = self._drafts()
        if drafts is None:
            return
        plans, classes = drafts
        settings = self.chosen_settings()
        changed = settings != self._original
        logo = self.logo_picker.change()
        if changed or plans or classes or logo is not None:
            done = self.context.write(apply_setup, settings if changed else None, plans, classes,
                                      logo)
            if done is None:
                return  # refused: the dialog keeps what the user typed
        super().accept()

    def _drafts(self) -> tuple[list[PlanDraft], list[ClassDraft]] | None:
        """The plans and classes to add, counting one typed in but not yet added; None (the
        tab shown with its problems) while such a form holds something wrong."""
        for tab in (self.plans_tab, self.classes_tab):
            if tab.form.has_input() and not tab.add():
                self.tabs.setCurrentWidget(self._holders[tab])
                return None
        return self.plans_tab.drafts(), self.classes_tab.drafts()

    # -- reacting -----------------------------------------------------------------------

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(self.profile_form.is_valid())

    def _money_changed(self) -> None:
        self.plans_tab.set_money(Formatter(self.money_form.locale_name),
                                 self.money_form.currency_code)

    def _plan_added(self) -> None:
        if self.money_form.currency_combo.isEnabled():
            self.money_form.set_currency_locked(_("A dues plan was added in {currency}, so the "
                                                  "currency is now fixed.").format(
                currency=self.money_form.currency_code))


def _padded(page: QWidget) -> QWidget:
    """`page` at the top of its tab, with the tab's usual margins."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.addWidget(page, 1 if isinstance(page, (PlansTab, ClassesTab)) else 0)
    if not isinstance(page, (PlansTab, ClassesTab)):
        column.addStretch(1)
    return holder


def edit_settings(context: AppContext) -> None:
    """Show the co-op's settings for editing (or only for reading, if the book is read-only)."""
    if context.host.book is None:
        return
    dialog = SettingsDialog(context, context.window)
    try:
        SettingsDialogs.run(dialog)
    finally:
        dialog.deleteLater()
