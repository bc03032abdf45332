"""The pieces forms and screens share: the member finder, the lines that say what is wrong, amounts
and plan names as typed, and how tables look."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from coopdesk.formatting import Formatter
from coopdesk.money import Money
from coopdesk_ui.forms.amount_input import read_amount
from coopdesk_ui.forms.plan_fields import plan_name_problem, read_plan_amount
from coopdesk_ui.widgets.field_error import (
    FieldError,
    FieldNote,
    problems_by_field,
    route_problems,
    with_note,
)
from coopdesk_ui.widgets.member_finder import MemberFinder, MemberOption
from coopdesk_ui.widgets.records_table import preview_table, records_table

ANN = MemberOption("7", "Ann Lee")
ANNE = MemberOption("8", "Anne Weiß")
DIETER = MemberOption("A12", "Dieter Weiß", payer_number="8")


def finder(qtbot: QtBot, *members: MemberOption) -> MemberFinder:
    field = MemberFinder(members or (ANN, ANNE, DIETER))
    qtbot.addWidget(field)
    return field


# -- member finder --------------------------------------------------------------------------


def test_the_finder_names_a_member_by_number_picked_text_or_name(qtbot: QtBot) -> None:
    field = finder(qtbot)
    for text, member in (("7", ANN), ("a12", DIETER), (" 8 ", ANNE), ("7 \N{EM DASH} Ann Lee", ANN),
                         ("dieter", DIETER), ("ann lee", ANN)):
        field.setText(text)
        assert (field.member(), field.problem()) == (member, ""), text
    assert field.member() is not None and field.member().payer_number is None
    field.choose("A12")
    assert field.text() == "A12 \N{EM DASH} Dieter Weiß" and field.member() == DIETER


def test_an_exact_name_wins_over_names_that_hold_it(qtbot: QtBot) -> None:
    field = finder(qtbot, MemberOption("1", "Ann"), MemberOption("2", "Anna"))
    field.setText("ann")
    assert field.member() == MemberOption("1", "Ann")


def test_the_finder_says_why_the_text_names_no_member(qtbot: QtBot) -> None:
    field = finder(qtbot)
    assert (field.member(), field.problem()) == (None, "Type the member's number or name.")
    field.setText("Weiß")
    assert field.member() is None
    assert field.problem() == "2 members match \u201cWeiß\u201d: type more, or pick one from the list."
    field.setText("Zed")
    assert field.problem() == "No member has the number or name \u201cZed\u201d."


def test_the_finder_tells_when_the_member_meant_changes(qtbot: QtBot) -> None:
    field = finder(qtbot)
    seen: list[MemberOption | None] = []
    field.member_changed.connect(seen.append)
    field.setText("Di")
    field.setText("Dieter")  # still Dieter: not told again
    field.setText("Zed")
    field.set_members([*field.members(), MemberOption("9", "Zed Okafor")])  # read again
    assert seen == [DIETER, None, MemberOption("9", "Zed Okafor")]
    assert field.completer().model().rowCount() == 4


# -- the lines under fields -----------------------------------------------------------------


def test_an_error_line_shows_only_while_there_is_something_to_say(qtbot: QtBot) -> None:
    form = QWidget()
    error = FieldError(form)
    kept = FieldError(form, keep_height=True)
    qtbot.addWidget(form)
    form.show()
    assert error.isHidden() and not kept.isHidden()
    error.say("Wrong")
    assert error.text() == "Wrong" and error.isVisible()
    error.say("")
    kept.say("")
    assert error.isHidden() and kept.isVisible()
    assert kept.minimumHeight() == kept.fontMetrics().height()


def test_a_note_waits_until_the_user_leaves_the_field(qtbot: QtBot) -> None:
    edit = QLineEdit()
    note = FieldNote()
    cell = with_note(edit, note)
    qtbot.addWidget(cell)
    cell.show()
    assert cell.focusProxy() is edit
    note.set_problem("A plan needs a name.")
    assert note.isHidden() and note.problem == "A plan needs a name."
    note.touch()
    assert note.isVisible() and note.text() == "A plan needs a name."
    note.set_problem("")
    assert note.isHidden()
    note.set_problem("Still wrong.")
    assert note.isVisible()
    note.reset()
    assert note.isHidden() and note.problem == "Still wrong."


def test_core_problems_go_under_their_fields(qtbot: QtBot) -> None:
    assert problems_by_field(["email: does not look like an address", "name: a name is needed",
                              "the book is closed", "nothing: to see"],
                             {"email": "email", "name": "display_name"}, "") == {
        "email": ["Does not look like an address"], "display_name": ["A name is needed"],
        "": ["The book is closed", "Nothing: to see"]}
    start, amount, rest = FieldError(), FieldError(), FieldError()
    amount.say("left as it was")
    route_problems(["end: before the start", "dates: overlap", "the plan is gone"],
                   {"end": start, "dates": start, "reason": amount}, rest)
    assert start.text() == "Before the start\nOverlap"
    assert amount.text() == "left as it was"
    assert rest.text() == "The plan is gone"


# -- amounts and plan names as typed --------------------------------------------------------


@pytest.mark.parametrize(("locale", "currency", "text", "example"), [
    ("en_US", "USD", "12,5", "1,234.50"), ("de_DE", "EUR", "12.5.0", "1.234,50"),
    ("en_US", "JPY", "60.50", "1,234"), ("en_US", "KWD", "x", "1,234.500")])
def test_an_amount_that_is_not_one_is_shown_with_an_example(
        locale: str, currency: str, text: str, example: str) -> None:
    assert read_amount(f" {text} ", Formatter(locale), currency, missing="?") == (
        None, f"\u201c{text}\u201d is not an amount: type it like {example}.")


def test_an_amount_is_read_in_the_locale() -> None:
    assert read_amount("1.234,5", Formatter("de_DE"), "EUR", missing="?") == (
        Money("1234.50", "EUR"), "")
    assert read_amount("  ", Formatter("de_DE"), "EUR", missing="Type it.") == (None, "Type it.")


def test_a_plan_amount_may_be_zero_but_not_negative() -> None:
    en = Formatter("en_US")
    assert read_plan_amount("0", en, "USD") == (Money("0", "USD"), "")
    assert read_plan_amount("-1", en, "USD") == (None, "The amount cannot be negative.")
    assert read_plan_amount("", en, "USD") == (None, "Say how much a member pays each period.")


def test_a_plan_name_is_needed_and_used_once_whatever_its_case() -> None:
    assert plan_name_problem("  ", ["Monthly"]) == "A plan needs a name."
    assert plan_name_problem(" monthly ", ["Monthly "]) == "There is already a plan with this name."
    assert plan_name_problem("Yearly", ["Monthly"]) == ""


# -- tables ---------------------------------------------------------------------------------


def test_a_records_table_is_read_only_whole_rows_with_one_column_stretched(qtbot: QtBot) -> None:
    model = QStringListModel(["a", "b"])
    table = records_table(model, 0)
    postings = records_table(model, 0, sortable=True, alternating=False,
                             selection=QAbstractItemView.SelectionMode.ExtendedSelection)
    preview = preview_table(model)
    for view in (table, postings, preview):
        qtbot.addWidget(view)
        assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        assert view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
        assert view.verticalHeader().isHidden() and not view.wordWrap()
    assert table.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert not table.isSortingEnabled() and table.alternatingRowColors()
    assert postings.isSortingEnabled() and not postings.alternatingRowColors()
    assert postings.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    assert table.horizontalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert table.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
