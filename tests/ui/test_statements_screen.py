"""The Statements screen on a small demo co-op: the count follows the choices, the preview
shows the chosen members' statements as they print, saving and printing write what was
chosen, a period that makes no statement possible is said at its field, and the page setup is
kept and used."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QColor, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.demo import build_demo
from coopdesk.members.queries import list_members
from coopdesk.progress import Progress
from coopdesk.statements.batch import write_statements
from coopdesk.statements.layout import US_LETTER_10
from coopdesk.statements.selection import ARREARS, statement_members
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.screens import statements as statements_module
from coopdesk_ui.screens import statements_saving
from coopdesk_ui.screens.statements import StatementsScreen
from coopdesk_ui.screens.statements_dialogs import StatementsDialogs
from coopdesk_ui.screens.statements_page_setup import PageSetupDialog, page_layout

TODAY = dt.date(2026, 6, 30)
YEAR_START = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo co-op of ten members over a year, built once for the module (read-only here)."""
    path = tmp_path_factory.mktemp("demo") / "riverside.coopdesk"
    build_demo(path, members=10, years=1, seed=3, today=TODAY)
    return path


@pytest.fixture(autouse=True)
def no_real_statement_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that reaches a modal window it did not answer fails instead of hanging on it."""

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:]!r}")

    for name in ("ask_pdf_path", "ask_folder", "ask_printer", "run_form"):
        monkeypatch.setattr(StatementsDialogs, name, classmethod(unexpected))


@pytest.fixture
def window(qtbot: QtBot, demo: Path) -> Iterator[MainWindow]:
    """The main window on the demo book (read-only: statements only read), on Statements."""
    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1100, 700)
    main.show()
    main.show_book(Book.open(demo, read_only=True))
    main.show_screen("statements")
    yield main


@pytest.fixture
def screen(window: MainWindow) -> StatementsScreen:
    found = window.screens["statements"]
    assert isinstance(found, StatementsScreen)
    return found


def answer(monkeypatch: pytest.MonkeyPatch, name: str, reply: Callable[..., object]) -> None:
    monkeypatch.setattr(StatementsDialogs, name, classmethod(lambda cls, *args: reply(*args)))


def members_of(path: Path, status: str | None = None) -> list[str]:
    with Book.open(path, read_only=True) as book:
        return book.read(statement_members, YEAR_START, TODAY, today=TODAY, status=status)


def names_of(path: Path) -> dict[str, str]:
    with Book.open(path, read_only=True) as book:
        return {row.number: row.display_name for row in book.read(list_members, TODAY)}


def choose(screen: StatementsScreen, numbers: str) -> None:
    screen.form.numbers.setText(numbers)
    screen.form.chosen.setChecked(True)
    screen.update_now()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


# -- choices and count --------------------------------------------------------------------


def test_starts_from_the_fiscal_year_so_far_on_the_books_paper(screen: StatementsScreen) -> None:
    choices = screen.form.choices()
    assert (choices.date_from, choices.date_to) == (YEAR_START, TODAY)
    assert choices.paper == "letter"  # an en_US book
    assert screen.options().layout == US_LETTER_10


def test_the_count_follows_the_choices(screen: StatementsScreen, demo: Path) -> None:
    everyone = members_of(demo)
    assert screen.numbers == everyone
    assert screen.count_label.text() == f"{len(everyone)} members will get a statement."

    in_arrears = members_of(demo, ARREARS)
    screen.form.arrears.setChecked(True)
    screen.update_now()
    assert screen.numbers == in_arrears
    assert 0 < len(in_arrears) < len(everyone)

    choose(screen, f"{everyone[1]}, {everyone[0]}")
    assert screen.numbers == [everyone[1], everyone[0]]
    assert screen.count_label.text() == "2 members will get a statement."


def test_the_count_follows_by_itself_after_a_pause(qtbot: QtBot, screen: StatementsScreen,
                                                   demo: Path) -> None:
    first = members_of(demo)[0]
    screen.form.chosen.setChecked(True)
    qtbot.keyClicks(screen.form.numbers, first)
    qtbot.waitUntil(lambda: screen.numbers == [first])
    assert screen.count_label.text() == "1 member will get a statement."


def test_an_unknown_member_number_is_said_at_the_field(screen: StatementsScreen) -> None:
    choose(screen, "1, 9999")
    assert screen.form.numbers_error.isVisibleTo(screen)
    assert "9999" in screen.form.numbers_error.text()
    assert not screen.save_button.isEnabled()


def test_the_finder_adds_a_member_to_the_chosen(screen: StatementsScreen, demo: Path) -> None:
    number, name = next(iter(names_of(demo).items()))
    screen.form.finder.setText(name)
    assert screen.form.add_button.isEnabled()
    screen.form.add_button.click()
    screen.update_now()
    assert screen.form.chosen.isChecked()
    assert screen.numbers == [number]


@pytest.mark.parametrize(("date_from", "date_to", "said"), [
    (dt.date(2026, 5, 1), dt.date(2026, 4, 30), "ends before it starts"),
    (YEAR_START, dt.date(2026, 7, 1), "cannot end after today"),
])
def test_an_impossible_period_is_said_at_the_field_and_stops_the_actions(
        screen: StatementsScreen, date_from: dt.date, date_to: dt.date, said: str) -> None:
    screen.form.date_from.set_value(date_from)
    screen.form.date_to.set_value(date_to)
    screen.update_now()
    assert screen.form.to_error.isVisibleTo(screen)
    assert said in screen.form.to_error.text()
    for button in (screen.save_button, screen.save_each_button, screen.print_button):
        assert not button.isEnabled()
    assert screen.preview.view.message() == screen.form.to_error.text()
    assert screen.save_pdf() is None  # and nothing is asked

    screen.form.date_to.set_value(TODAY)
    screen.form.date_from.set_value(YEAR_START)
    screen.update_now()
    assert not screen.form.to_error.isVisibleTo(screen)
    assert screen.save_button.isEnabled() and screen.print_button.isEnabled()


def test_a_book_without_members_says_so(qtbot: QtBot, make_book: Callable[..., Path]) -> None:
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    main.show_book(Book.open(make_book()))
    main.show_screen("statements")
    screen = main.screens["statements"]
    assert isinstance(screen, StatementsScreen)
    assert screen.count_label.text() == "No member matches these choices."
    assert screen.preview.view.message() == "No member matches these choices."
    assert screen.preview.view.page_images() == []
    assert not screen.save_button.isEnabled() and not screen.print_button.isEnabled()


# -- preview ------------------------------------------------------------------------------


def test_the_preview_shows_the_first_chosen_member_and_moves(screen: StatementsScreen,
                                                             demo: Path) -> None:
    everyone = members_of(demo)
    names = names_of(demo)
    preview = screen.preview
    images = preview.view.page_images()
    assert len(images) == preview.pages >= 1
    page = images[0]
    assert page.width() > 300 and page.height() > page.width()  # a portrait page, fitted
    assert page.pixelColor(2, 2) == QColor("white")
    assert preview.position.text().startswith(
        f"Statement 1 of {len(everyone)}: {names[everyone[0]]} (no. {everyone[0]})")
    assert not preview.previous_button.isEnabled()

    preview.next_button.click()
    assert preview.current_number() == everyone[1]
    assert preview.position.text().startswith(f"Statement 2 of {len(everyone)}: {names[everyone[1]]}")
    preview.previous_button.click()
    assert preview.current_number() == everyone[0]
    for _ in everyone:
        preview.show_next()
    assert preview.current_number() == everyone[-1]
    assert not preview.next_button.isEnabled()


def test_the_preview_follows_the_paper_and_the_slip(screen: StatementsScreen) -> None:
    letter = screen.preview.view.page_images()[0]
    screen.form.paper.setCurrentIndex(screen.form.paper.findData("a4"))
    screen.update_now()
    a4 = screen.preview.view.page_images()[0]
    assert a4.width() == letter.width()
    assert a4.height() > letter.height()  # A4 is taller for its width than Letter
    screen.form.slip.setChecked(True)
    screen.update_now()
    assert screen.preview.view.page_images()[0] != a4


# -- saving -------------------------------------------------------------------------------


def test_saving_one_pdf_writes_the_chosen_members(screen: StatementsScreen, window: MainWindow,
                                                  demo: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = members_of(demo)[:3]
    names = names_of(demo)
    choose(screen, ", ".join(chosen))
    target = tmp_path / "out" / "statements.pdf"
    target.parent.mkdir()
    offered: list[Path] = []
    answer(monkeypatch, "ask_pdf_path", lambda parent, suggested: offered.append(suggested) or target)

    result = screen.save_pdf()

    assert result is not None and result.statements == 3
    assert offered[0].name == "Statements 2026-01-01 to 2026-06-30.pdf"
    assert len(PdfReader(target).pages) == result.pages
    text = pdf_text(target)
    for number in chosen:
        assert names[number] in text
    assert str(target) in screen.feedback.text()
    assert "3 statements" in window.statusBar().currentMessage()


def test_saving_one_file_per_member(screen: StatementsScreen, demo: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = members_of(demo)[:3]
    choose(screen, ", ".join(chosen))
    folder = tmp_path / "each"
    answer(monkeypatch, "ask_folder", lambda parent, start: folder)

    result = screen.save_files()

    assert result is not None
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 3 == len(result.files)
    assert sum(len(PdfReader(f).pages) for f in files) == result.pages
    assert "one file per member" in screen.feedback.text()


def test_cancelling_leaves_no_combined_file(qtbot: QtBot, screen: StatementsScreen, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "statements.pdf"
    answer(monkeypatch, "ask_pdf_path", lambda parent, suggested: target)

    def slow_write(*args: object, progress: Progress, **kwargs: object) -> object:
        def waiting(done: int, total: int) -> None:
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:  # until Cancel is pressed (progress raises)
                progress(done, total)
                time.sleep(0.01)

        return write_statements(*args, progress=waiting, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(statements_saving, "write_statements", slow_write)

    def press_cancel() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        assert dialogs
        cancel = dialogs[0].findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        cancel.click()

    QTimer.singleShot(100, press_cancel)
    assert screen.save_pdf() is None
    assert not target.exists()
    assert list(tmp_path.glob("*.pdf")) == []
    assert screen.feedback.text() == ""


def test_a_refusal_of_the_core_is_shown_as_it_says(screen: StatementsScreen, tmp_path: Path,
                                                   errors: list[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, "ask_pdf_path", lambda parent, suggested: tmp_path)  # a folder
    assert screen.save_pdf() is None
    assert errors == [f"{tmp_path}: is a folder; name the PDF file to write"]


def test_a_file_that_cannot_be_written_is_named(screen: StatementsScreen, tmp_path: Path,
                                                errors: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "statements.pdf"
    answer(monkeypatch, "ask_pdf_path", lambda parent, suggested: target)

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(statements_saving, "write_statements", disk_full)
    assert screen.save_pdf() is None
    assert errors == [f"The statements could not be written to \u201c{target}\u201d: "
                      "No space left on device."]


# -- printing -----------------------------------------------------------------------------


def test_printing_paints_every_page(screen: StatementsScreen, demo: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    choose(screen, ", ".join(members_of(demo)[:2]))
    screen.form.duplex.setChecked(True)
    output = tmp_path / "printed.pdf"
    offered: list[tuple[QPageSize.PageSizeId, str]] = []

    def to_pdf(parent: QWidget, printer: QPrinter) -> bool:
        # What the print dialog starts from. Qt keeps duplex only for a real printer (a
        # computer without one, such as a test machine, starts on Qt's PDF output).
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            assert printer.duplex() == QPrinter.DuplexMode.DuplexLongSide
        offered.append((printer.pageLayout().pageSize().id(), printer.docName()))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        return True

    answer(monkeypatch, "ask_printer", to_pdf)
    made: list[Path] = []
    real_mkdtemp = tempfile.mkdtemp

    def recorded_mkdtemp(**kwargs: str) -> str:
        made.append(Path(real_mkdtemp(**kwargs)))
        return str(made[-1])

    monkeypatch.setattr(statements_module.tempfile, "mkdtemp", recorded_mkdtemp)

    assert screen.print_statements()

    assert offered == [(QPageSize.PageSizeId.Letter,
                        "Statement of account, Jan 1, 2026 to Jun 30, 2026")]
    pages = len(PdfReader(output).pages)
    assert pages >= 2 and pages % 2 == 0  # duplex: each member starts a new sheet
    assert f"({pages} pages)" in screen.feedback.text()
    assert made and not made[0].exists()  # the PDF written for the printer is gone


def test_printing_cancelled_in_the_print_dialog_does_nothing(
        screen: StatementsScreen, monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, "ask_printer", lambda parent, printer: False)
    assert not screen.print_statements()
    assert screen.feedback.text() == ""


# -- page setup ---------------------------------------------------------------------------


def test_page_setup_is_kept_per_paper_and_used(screen: StatementsScreen,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    before = screen.preview.view.page_images()[0]

    def move(dialog: QDialog) -> bool:
        assert isinstance(dialog, PageSetupDialog)
        dialog.right.setValue(3.5)
        dialog.down.setValue(-2.0)
        dialog.accept()
        return True

    answer(monkeypatch, "run_form", move)
    assert screen.page_setup()

    moved = US_LETTER_10.address.moved(3.5, -2.0)
    assert page_layout("letter").address == moved
    assert page_layout("a4") == page_layout("a4", QSettings())  # the other paper is untouched
    assert page_layout("a4").address.x == 20.0
    assert screen.options().layout.address == moved
    assert screen.options().layout.info == US_LETTER_10.info
    assert screen.preview.view.page_images()[0] != before

    def look_and_reset(dialog: QDialog) -> bool:
        assert isinstance(dialog, PageSetupDialog)
        assert (dialog.right.value(), dialog.down.value()) == (3.5, -2.0)  # kept
        dialog.reset_button.click()
        dialog.accept()
        return True

    answer(monkeypatch, "run_form", look_and_reset)
    assert screen.page_setup()
    assert screen.options().layout == US_LETTER_10


def test_page_setup_cancelled_changes_nothing(screen: StatementsScreen,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def cancel(dialog: QDialog) -> bool:
        assert isinstance(dialog, PageSetupDialog)
        dialog.right.setValue(5.0)
        dialog.reject()
        return False

    answer(monkeypatch, "run_form", cancel)
    assert not screen.page_setup()
    assert screen.options().layout == US_LETTER_10

