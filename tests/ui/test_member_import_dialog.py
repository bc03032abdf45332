"""Importing a member list from the Members screen: file, preview (a dry run), import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.members.queries import list_members, member_detail
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk_ui import jobs
from coopdesk_ui.forms.member_import_dialog import MemberImportDialog
from coopdesk_ui.forms.member_import_dialogs import MemberImportDialogs
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.models.member_import_model import Column, MemberImportModel
from coopdesk_ui.models.member_import_problem_model import ImportProblemModel
from coopdesk_ui.screens.members import MembersScreen

JAN = dt.date(2026, 1, 1)

#: Ada is in the book already; Farah has no number (she gets the next one); Gus is new.
LIST = """Member number,Name,Joined,Class,E-mail,City,Shoe size
1,Ada Okafor,2026-01-01,worker,ada@example.org,Riverside,38
,Farah Haddad,2026-06-15,producer,farah@example.org,Millbrook,39
7,"Lind, Gus",2026-02-01,Consumer,,Riverside,44
"""
#: Every row wrong somewhere: a date, an e-mail, a missing name, an unknown class.
WRONG = """Number,Name,Joined,Class,Email
10,Hana Sato,2026-13-01,worker,hana@example.org
11,Ivo Brandt,2026-02-01,worker,ivo at example
12,,2026-02-01,worker,
13,Jo March,2026-02-01,gardener,
"""


@pytest.fixture(autouse=True)
def no_real_file_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """Browse fails the test unless the test answers it."""
    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError("unexpected file dialog")

    monkeypatch.setattr(MemberImportDialogs, "ask_csv_path", classmethod(unexpected))


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    path = tmp_path / "coop.coopdesk"
    with Book.create(path, name="Riverside Food Co-op", currency="USD", locale="en_US") as book:
        for number, name in (("1", "Ada Okafor"), ("2", "Ben Idris")):
            book.run(add_member, MemberInput(name, JAN, number=number, class_code="consumer"))
    return path


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    return window


@pytest.fixture
def screen(window: MainWindow, book_path: Path) -> MembersScreen:
    window.show_book(Book.open(book_path))
    window.show_screen("members")
    members = window.screens["members"]
    assert isinstance(members, MembersScreen)
    return members


def write_csv(tmp_path: Path, text: str, name: str = "members.csv",
              encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def start_import(screen: MembersScreen) -> MemberImportDialog:
    dialog = screen.import_members()
    assert dialog is not None and dialog.isVisible()
    return dialog


def preview(dialog: MemberImportDialog, path: Path) -> None:
    dialog.set_path(path)
    assert dialog.go_next(), dialog.file_problem.text()
    assert dialog.pages.currentIndex() == 1


def table(model: MemberImportModel | ImportProblemModel) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def register(screen: MembersScreen) -> list[tuple[str, str]]:
    return [(m.number, m.display_name) for m in screen.context.read(list_members)]


BEFORE = [("2", "Ben Idris"), ("1", "Ada Okafor")]  # in sort-name order: Idris, Okafor


def test_the_preview_shows_new_and_existing_members_and_adds_nobody_yet(
        qtbot: QtBot, screen: MembersScreen, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path, LIST)
    monkeypatch.setattr(MemberImportDialogs, "ask_csv_path",
                        classmethod(lambda cls, parent, start=None: path))
    dialog = start_import(screen)
    assert dialog.pages.currentIndex() == 0 and not dialog.next_button.isEnabled()
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.path_edit.text() == str(path)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Enter = Next

    assert dialog.pages.currentIndex() == 1
    assert table(dialog.new_model) == [
        ["3", "3", "Farah Haddad", "producer", "Jun 15, 2026", "farah@example.org", "Millbrook",
         ""],
        ["4", "7", "Gus Lind", "Consumer", "Feb 1, 2026", "", "Riverside", ""]]
    existing = table(dialog.existing_model)
    assert [[row[Column.LINE], row[Column.NUMBER], row[Column.NAME], row[Column.IN_BOOK]]
            for row in existing] == [["2", "1", "Ada Okafor", "Ada Okafor"]]
    assert dialog.existing_model.headerData(Column.NAME, Qt.Orientation.Horizontal) == (
        "Name in the file")
    assert dialog.new_table.isColumnHidden(Column.IN_BOOK)
    assert dialog.existing_table.isColumnHidden(Column.EMAIL)
    assert dialog.problem_model.rowCount() == 0 and not dialog.problem_table.isVisible()
    assert dialog.summary_label.text() == (
        "2 new members will be added. 1 row is a member already in the book and is left as it "
        "is. Nobody has been added yet.")
    assert dialog.note_label.text() == "Columns not used: Shoe size."
    assert dialog.import_button.text() == "&Import 2 members"
    assert dialog.import_button.isEnabled() and dialog.import_button.isDefault()
    assert register(screen) == BEFORE  # a dry run only


def test_import_adds_the_members_and_the_register_shows_them(
        qtbot: QtBot, window: MainWindow, screen: MembersScreen, tmp_path: Path) -> None:
    dialog = start_import(screen)
    preview(dialog, write_csv(tmp_path, LIST))
    qtbot.keyClick(dialog.import_button, Qt.Key.Key_Return)  # Enter = Import

    assert dialog.outcome is not None and dialog.added_count() == 2
    assert dialog.result() == MemberImportDialog.DialogCode.Accepted
    assert register(screen) == [("3", "Farah Haddad"), ("2", "Ben Idris"), ("7", "Gus Lind"),
                                ("1", "Ada Okafor")]  # by sort name
    farah = screen.context.read(member_detail, "3")
    assert (farah.class_code, farah.join_date, farah.email, farah.city) == (
        "producer", dt.date(2026, 6, 15), "farah@example.org", "Millbrook")
    assert screen.context.read(member_detail, "7").class_code == "consumer"  # by the class name
    assert screen.context.read(member_detail, "1").email == ""  # an existing row changes nothing
    assert screen.count_label.text() == "4 members"  # the register followed
    assert screen.current_number() == "3"  # the first new member, shown
    assert screen.detail.name_label.text() == "Farah Haddad"
    assert window.statusBar().currentMessage() == "Imported 2 members from members.csv."


def test_importing_the_same_file_again_adds_nobody(screen: MembersScreen, tmp_path: Path) -> None:
    path = write_csv(tmp_path, LIST)
    dialog = start_import(screen)
    preview(dialog, path)
    assert dialog.apply()
    after_first = register(screen)

    again = start_import(screen)
    preview(again, path)
    assert again.new_model.rowCount() == 0
    assert [row[Column.NUMBER] for row in table(again.existing_model)] == ["1", "3", "7"]
    assert again.summary_label.text() == (
        "Everyone in members.csv is already in the book: there is nobody to add.")
    assert again.import_button.text() == "Nobody new to import"
    assert not again.import_button.isEnabled()
    assert not again.apply()
    assert register(screen) == after_first


def test_a_file_with_problems_imports_nothing_and_says_where_each_is(
        qtbot: QtBot, screen: MembersScreen, tmp_path: Path) -> None:
    path = write_csv(tmp_path, WRONG, "wrong.csv")
    dialog = start_import(screen)
    preview(dialog, path)

    assert table(dialog.problem_model) == [
        ["2", "Joined", "'2026-13-01' is not a date in en_US: write it as 3/31/26 or 2026-03-31"],
        ["3", "Email", "'ivo at example' is not an e-mail address"],
        ["4", "Name", "a name is required"],
        ["5", "Class", "no member class 'gardener' (the classes are consumer, producer, "
                       "supporter, worker)"]]
    assert dialog.problem_table.isVisible()
    assert dialog.problem_title.text() == "<b>4 problems</b> \N{EM DASH} fix them in the file"
    assert dialog.summary_label.text().startswith(
        "wrong.csv has 4 problems, listed below with their rows and columns. Nothing can be "
        "imported until every problem is fixed")
    assert dialog.new_model.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    assert dialog.read_again_button.isDefault()  # Enter reads the fixed file again
    assert not dialog.apply()
    assert register(screen) == BEFORE

    # Half fixed: the good rows are previewed beside what is still wrong, still nothing imported.
    half_fixed = WRONG.replace("2026-13-01", "2026-01-13").replace("ivo at example",
                                                                   "ivo@example.org")
    path.write_text(half_fixed, encoding="utf-8")
    qtbot.mouseClick(dialog.read_again_button, Qt.MouseButton.LeftButton)
    assert [row[:2] for row in table(dialog.problem_model)] == [["4", "Name"], ["5", "Class"]]
    assert [row[Column.NAME] for row in table(dialog.new_model)] == ["Hana Sato", "Ivo Brandt"]
    assert not dialog.import_button.isEnabled()
    assert not dialog.apply()
    assert register(screen) == BEFORE

    path.write_text(half_fixed.replace("12,,", "12,Kim Ode,").replace("gardener", "producer"),
                    encoding="utf-8")
    qtbot.keyClick(dialog.read_again_button, Qt.Key.Key_Return)
    assert dialog.problem_model.rowCount() == 0 and not dialog.problem_table.isVisible()
    assert dialog.import_button.isEnabled()
    assert dialog.apply()
    assert dialog.added_count() == 4 and len(register(screen)) == 6


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("bank.csv", b"When,How much\n2026-06-01,12.00\n",
     "bank.csv cannot be imported as a member list:\nno column gives the members' names"),
    ("payments.csv", b"Date,Amount,Reference,Name\n2026-06-02,10.00,Dues,Ana Ruiz\n",
     "payments.csv cannot be imported as a member list:\nno column gives the date each member "
     "joined"),
    ("pipes.csv", b"Number|Name|Joined\n1|Ada|2026-01-01\n",
     "\u201cNumber|Name|Joined\u201d: are the columns separated by something other than commas"),
    ("list.xlsx", b"PK\x03\x04 a workbook",
     "list.xlsx is a spreadsheet workbook (.xlsx or .ods), not a CSV file"),
    ("empty.csv", b"", "empty.csv is empty"),
    ("header.csv", b"Number,Name,Joined\n",
     "header.csv holds no members: there is nothing to import."),
    ("twice.csv", b"Name,Full name,Joined\nAda,Ada Okafor,2026-01-01\n",
     "column 'Full name': columns 'Name' and 'Full name' both give the name: keep one"),
], ids=["foreign", "bank-export", "wrong-delimiter", "workbook", "empty", "no-rows",
        "two-name-columns"])
def test_a_file_that_is_not_a_member_list_gets_one_clear_message(
        screen: MembersScreen, tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    dialog = start_import(screen)
    dialog.set_path(path)
    assert not dialog.go_next()
    assert dialog.pages.currentIndex() == 0
    assert expected in dialog.file_problem.text()
    assert dialog.preview is None
    assert register(screen) == BEFORE


def test_a_missing_file_is_said_on_the_page(screen: MembersScreen, tmp_path: Path) -> None:
    dialog = start_import(screen)
    dialog.set_path(tmp_path / "gone.csv")
    assert not dialog.go_next()
    assert dialog.file_problem.text() == f"{tmp_path / 'gone.csv'}: no such file"


def test_a_windows_1252_file_is_read_with_its_accents(screen: MembersScreen,
                                                       tmp_path: Path) -> None:
    text = ("Mitgliedsnummer;Name;Eintritt;Schuhgröße\n"
            "20;Chloé Bérenger;2026-03-01;38\n21;Jürgen Weiß;2026-03-01;44\n")
    dialog = start_import(screen)
    preview(dialog, write_csv(tmp_path, text, "excel.csv", encoding="cp1252"))
    assert [row[Column.NAME] for row in table(dialog.new_model)] == [
        "Chloé Bérenger", "Jürgen Weiß"]
    assert "read as Windows text (Windows-1252)" in dialog.note_label.text()
    assert "Columns not used: Schuhgröße." in dialog.note_label.text()
    assert dialog.apply()
    assert {("20", "Chloé Bérenger"), ("21", "Jürgen Weiß")} <= set(register(screen))


def test_cancelling_the_import_adds_nobody(screen: MembersScreen, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    reported: list[tuple[int, int]] = []
    report = jobs._Worker.report

    def press_cancel(worker: jobs._Worker, done: int, total: int) -> None:
        reported.append((done, total))
        worker.cancel_requested.set()  # what the progress dialog's Cancel button does
        report(worker, done, total)

    dialog = start_import(screen)
    preview(dialog, write_csv(tmp_path, LIST))
    monkeypatch.setattr(jobs._Worker, "report", press_cancel)
    assert not dialog.apply()
    assert reported == [(3, 3)]  # every row added, then cancelled before the commit
    assert dialog.outcome is None and dialog.isVisible()
    assert register(screen) == BEFORE
    assert dialog.import_button.isEnabled()  # still there to try again


def test_back_returns_to_the_file_and_cancel_imports_nothing(
        qtbot: QtBot, screen: MembersScreen, tmp_path: Path) -> None:
    dialog = start_import(screen)
    preview(dialog, write_csv(tmp_path, LIST))
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 0
    assert dialog.next_button.isVisible() and not dialog.import_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == MemberImportDialog.DialogCode.Rejected
    assert dialog.outcome is None
    assert register(screen) == BEFORE


def test_a_read_only_book_cannot_import(window: MainWindow, book_path: Path) -> None:
    window.show_book(Book.open(book_path, read_only=True))
    window.show_screen("members")
    screen = window.screens["members"]
    assert isinstance(screen, MembersScreen)
    assert not screen.import_button.isEnabled()
    assert screen.import_members() is None


def test_the_preview_models_pass_the_model_tester(qtmodeltester: object, screen: MembersScreen,
                                                  tmp_path: Path) -> None:
    dialog = start_import(screen)
    preview(dialog, write_csv(tmp_path, LIST + "8,Kim Ode,someday,,,,\n"))
    models = (dialog.new_model, dialog.existing_model, dialog.problem_model)
    assert [model.rowCount() for model in models] == [2, 1, 1]
    for model in (dialog.new_model, dialog.existing_model, dialog.problem_model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_a_number_the_book_gives_someone_else_shows_who_it_is(
        screen: MembersScreen, tmp_path: Path) -> None:
    dialog = start_import(screen)
    preview(dialog, write_csv(tmp_path, "No,Name,Joined\n2,Benjamin Idriss,2026-01-01\n"))
    (row,) = table(dialog.existing_model)
    assert (row[Column.NUMBER], row[Column.NAME], row[Column.IN_BOOK]) == (
        "2", "Benjamin Idriss", "Ben Idris")  # the number decides: the row is not imported
    tip = dialog.existing_model.index(0, Column.IN_BOOK).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "The book has member 2 as Ben Idris; the file's row is not imported."
    assert not dialog.import_button.isEnabled()
