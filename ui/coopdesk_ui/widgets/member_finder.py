"""A field that finds a member from what the treasurer types: their number or part of their name.

Treasurers name members by number but remember names, so the field completes on both
("12 — Ana Ruiz", matching anywhere in it). The text means a member as soon as it can mean only
one: an exact number, the picked "number — name", an exact name, or a part of a name that one
member's name holds; otherwise `problem()` says why it means none yet (no one, or several people
called Weiß). `member_changed` tells the form, so what depends on the member follows as the
user types. Used by the payment entry form and the "Assign a plan" form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from coopdesk.i18n import _
from coopdesk.members.queries import MemberRow
from coopdesk_ui.models.member_labels import member_text


@dataclass(frozen=True, slots=True)
class MemberOption:
    """A member the field can find, and who pays for them (their household payer), if anyone."""

    number: str
    name: str
    payer_number: str | None = None

    @property
    def text(self) -> str:
        """How the member is written in the field once found: "12 — Ana Ruiz"."""
        return member_text(self.number, self.name)


def member_options(rows: Iterable[MemberRow]) -> list[MemberOption]:
    """The register's members (`list_members` rows) as the finder offers them."""
    return [MemberOption(row.number, row.display_name, row.payer_number) for row in rows]


class MemberFinder(QLineEdit):
    """A line edit completing on member numbers and names; see the module docstring."""

    #: The member the text means changed: the MemberOption, or None.
    member_changed = Signal(object)

    def __init__(self, members: Sequence[MemberOption] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members: tuple[MemberOption, ...] = ()
        self._by_number: dict[str, MemberOption] = {}
        self._by_text: dict[str, MemberOption] = {}
        self._current: MemberOption | None = None
        self.setPlaceholderText(_("Number or name"))
        self._choices = QStringListModel(self)
        completer = QCompleter(self._choices, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.textChanged.connect(self._follow_text)
        self.set_members(members)

    def set_members(self, members: Sequence[MemberOption]) -> None:
        """Offer `members` (the register changed); the text is read again against them."""
        self._members = tuple(members)
        self._by_number = {m.number.casefold(): m for m in self._members}
        self._by_text = {m.text.casefold(): m for m in self._members}
        self._choices.setStringList([m.text for m in self._members])
        self._follow_text()

    def members(self) -> tuple[MemberOption, ...]:
        """Every member the field can find."""
        return self._members

    def find_member(self, number: str) -> MemberOption | None:
        """The member numbered `number`, if the field knows them."""
        return self._by_number.get(number.casefold())

    def choose(self, number: str) -> None:
        """Fill the field with the member numbered `number`."""
        member = self.find_member(number)
        self.setText(member.text if member is not None else number)

    def member(self) -> MemberOption | None:
        """The one member the text names, or None."""
        return self._resolve()[0]

    def problem(self) -> str:
        """Why the text names no member ("" when it names one)."""
        return self._resolve()[1]

    def _follow_text(self) -> None:
        member = self.member()
        if member != self._current:
            self._current = member
            self.member_changed.emit(member)

    def _resolve(self) -> tuple[MemberOption | None, str]:
        text = self.text().strip()
        if not text:
            return None, _("Type the member's number or name.")
        folded = text.casefold()
        exact = self._by_number.get(folded) or self._by_text.get(folded)
        if exact is not None:
            return exact, ""
        named = [m for m in self._members if m.name.casefold() == folded]
        if not named:
            named = [m for m in self._members if folded in m.text.casefold()]
        if len(named) == 1:
            return named[0], ""
        if not named:
            return None, _("No member has the number or name \u201c{text}\u201d.").format(text=text)
        return None, _("{count} members match \u201c{text}\u201d: type more, or pick one from the "
                       "list.").format(count=len(named), text=text)
