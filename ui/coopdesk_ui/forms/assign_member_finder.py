"""A field that finds a member from what the treasurer types: their number or part of a name.

Treasurers name members by number, but remember names: the field completes on either, and
`member()` says which member the text means, or `problem()` why it means none yet (no one, or
several people called Weiß).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from coopdesk.i18n import _

_SEPARATOR = " \N{EM DASH} "


@dataclass(frozen=True, slots=True)
class MemberChoice:
    """A member as the finder offers them."""

    number: str
    name: str

    @property
    def text(self) -> str:
        """How the member is written in the field once picked: "12 — Ann Lee"."""
        return f"{self.number}{_SEPARATOR}{self.name}"


class MemberFinder(QLineEdit):
    """A line edit completing on member numbers and names."""

    def __init__(self, members: Sequence[MemberChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members = tuple(members)
        self._by_number = {m.number: m for m in self._members}
        self._by_text = {m.text.casefold(): m for m in self._members}
        self.setPlaceholderText(_("Member number or name"))
        completer = QCompleter(QStringListModel([m.text for m in self._members], self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)

    def members(self) -> tuple[MemberChoice, ...]:
        """Every member the field can find."""
        return self._members

    def choose(self, number: str) -> None:
        """Fill the field with the member numbered `number`."""
        member = self._by_number.get(number)
        self.setText(member.text if member is not None else number)

    def member(self) -> MemberChoice | None:
        """The one member the text names, or None."""
        return self._resolve()[0]

    def problem(self) -> str:
        """Why the text names no member ("" when it names one)."""
        return self._resolve()[1]

    def _resolve(self) -> tuple[MemberChoice | None, str]:
        text = self.text().strip()
        if not text:
            return None, _("Type a member's number or name")
        exact = self._by_number.get(text) or self._by_text.get(text.casefold())
        if exact is not None:
            return exact, ""
        wanted = text.casefold()
        found = [m for m in self._members if wanted in m.name.casefold()]
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, _("No member has this number or name")
        return None, _("{count} members match: type more, or pick one from the list").format(
            count=len(found))
