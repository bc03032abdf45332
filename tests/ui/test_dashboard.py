"""The Dashboard screen on a small book whose figures are worked out by hand: the tiles, the
click through to the members who owe, refreshing after a write, the chart's text, and months
and money in the book's locale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.changes import ChangeSet
from coopdesk.dues.payments import record_payment
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.run import run_dues
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk_ui.book_host import BookHost
from coopdesk_ui.context import AppContext
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.screens.dashboard import DashboardScreen
from coopdesk_ui.targets import OwingMembersTarget

JANUARY = dt.date(2026, 1, 1)


def usd(text: str) -> Money:
    return Money(text, "USD")


@pytest.fixture
def coop(tmp_path: Path) -> Path:
    """Three members on $10 a month from January 2026, dues run through June; today is
    30 June (conftest). Ada paid $60 (all), Ben $40 (to April: May and June owed, 2 months, in
    grace), Cy $10 (January: February to June owed, 5 months, lapsed). All by bank transfer.

    June: $30 charged, $10 collected (Ada's). The year: $180 charged, $110 collected.
    Owing: Ben $20 and Cy $50: 2 members, $70. Cash: the $110 paid.
    """
    path = tmp_path / "coop.coopdesk"
    with Book.create(path, name="Riverside", currency="USD", locale="en_US") as book:
        book.run(add_plan, "Monthly", usd("10.00"), "monthly")
        for number, name in (("1", "Ada Okafor"), ("2", "Ben Ito"), ("3", "Cy Dunne")):
            book.run(add_member, MemberInput(name, JANUARY, number=number))
            book.run(assign_plan, number, "Monthly", JANUARY)
        book.run(run_dues, 2026, 6)
        for number, amount in (("1", "60.00"), ("2", "40.00"), ("3", "10.00")):
            book.run(record_payment, number, dt.date(2026, 1, 15), usd(amount))
    return path


@pytest.fixture
def host(qtbot: QtBot) -> Iterator[BookHost]:
    host = BookHost()
    yield host
    host.close()


@pytest.fixture
def screen(qtbot: QtBot, host: BookHost, coop: Path) -> DashboardScreen:
    """The screen on view, then the book opened (as the app does: the figures load then)."""
    screen = DashboardScreen(AppContext(host))
    qtbot.addWidget(screen)
    screen.resize(1000, 640)
    screen.show()
    host.replace(Book.open(coop))
    return screen


def tiles(screen: DashboardScreen) -> dict[str, tuple[str, str]]:
    return {name: (tile.value_text(), tile.detail_text()) for name, tile in (
        ("active", screen.active_tile), ("in grace", screen.in_grace_tile),
        ("lapsed", screen.lapsed_tile), ("owing", screen.owing_tile), ("cash", screen.cash_tile),
        ("month", screen.month_tile), ("year", screen.year_tile))}


def test_the_tiles_show_the_books_figures(screen: DashboardScreen) -> None:
    assert tiles(screen) == {
        "active": ("1", "0 pending, 0 left"),
        "in grace": ("1", "Up to 2 months behind"),
        "lapsed": ("1", "More than 2 months behind"),
        "owing": ("2", "$70.00 owed \N{MIDDLE DOT} See who \N{RIGHTWARDS ARROW}"),
        "cash": ("$110.00", "Cash box and bank accounts"),
        "month": ("$10.00", "33% of $30.00 charged in June 2026"),
        "year": ("$110.00", "61% of $180.00 charged since Jan 1, 2026"),
    }
    assert screen.as_of_label.text() == "As of today, June 30, 2026"
    assert screen.owing_tile.accessibleName() == (
        "Members owing dues, 2, $70.00 owed \N{MIDDLE DOT} See who \N{RIGHTWARDS ARROW}")


def test_the_chart_shows_the_last_twelve_months_in_words_too(screen: DashboardScreen) -> None:
    bars = screen.chart.bars()
    assert [bar.label for bar in bars] == ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                                           "Jan", "Feb", "Mar", "Apr", "May", "Jun"]
    assert [str(bar.value) for bar in bars[6:]] == ["30.00", "20.00", "20.00", "20.00", "10.00", "10.00"]
    assert {bar.value for bar in bars[:6]} == {0}
    assert bars[-1].text == "June 2026: $10.00 collected of $30.00 charged."
    description = screen.chart.accessibleDescription().splitlines()
    assert description[0] == "Dues collected per month, July 2025 to June 2026."
    assert description[1] == "July 2025: $0.00 collected of $0.00 charged."
    assert description[-1] == "June 2026: $10.00 collected of $30.00 charged."
    assert screen.chart_title.text() == "Dues collected per month (USD)"


@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise|propagateSizeHints)\(\)$")
def test_hovering_a_month_tells_its_amount(screen: DashboardScreen, qtbot: QtBot) -> None:
    chart = screen.chart
    centre = chart.bar_rect(7).center().toPoint()  # February
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, centre, chart.mapToGlobal(centre)))
    assert QToolTip.text() == "February 2026: $20.00 collected of $30.00 charged."
    chart.grab()


def test_clicking_the_owing_tile_opens_the_members_who_owe(screen: DashboardScreen, qtbot: QtBot) -> None:
    with qtbot.waitSignal(screen.context.navigate_requested) as clicked:
        qtbot.mouseClick(screen.owing_tile, Qt.MouseButton.LeftButton)
    assert clicked.args == ["members", OwingMembersTarget()]
    # From the keyboard too: it is a button.
    screen.owing_tile.setFocus()
    with qtbot.waitSignal(screen.context.navigate_requested) as pressed:
        qtbot.keyClick(screen.owing_tile, Qt.Key.Key_Space)
    assert pressed.args == ["members", OwingMembersTarget()]


def test_a_payment_refreshes_the_figures(screen: DashboardScreen) -> None:
    screen.context.write(record_payment, "3", dt.date(2026, 6, 30), usd("50.00"))  # Cy's all
    shown = tiles(screen)
    assert (shown["active"][0], shown["in grace"][0], shown["lapsed"][0]) == ("2", "1", "0")
    assert shown["owing"][0] == "1"
    assert tiles(screen)["cash"][0] == "$160.00"
    assert tiles(screen)["month"][0] == "$20.00"


def test_only_entries_members_and_accounts_concern_it(screen: DashboardScreen) -> None:
    assert not screen.is_affected(ChangeSet(areas=frozenset({"dues"})))
    assert screen.is_affected(ChangeSet(entries=frozenset({1})))
    assert screen.is_affected(ChangeSet(members=frozenset({1})))
    assert screen.is_affected(ChangeSet(accounts=frozenset({1})))


def test_no_book_shows_no_figures(screen: DashboardScreen, host: BookHost) -> None:
    host.close()
    assert set(tiles(screen).values()) == {("\N{EM DASH}", "")}
    assert screen.figures is None and screen.as_of_label.text() == ""
    assert screen.chart.bars() == ()
    screen.grab()


def test_a_new_day_is_shown_when_the_screen_comes_back(
        screen: DashboardScreen, monkeypatch: pytest.MonkeyPatch) -> None:
    screen.hide()
    later = dt.datetime(2026, 7, 2, 12, tzinfo=dt.timezone.utc)
    monkeypatch.setattr(clock, "_now", lambda: later)
    screen.show()
    assert screen.figures is not None and screen.figures.as_of == dt.date(2026, 7, 2)
    assert tiles(screen)["month"] == ("$0.00", "Nothing charged in July 2026")


def test_the_main_window_opens_on_the_dashboard(qtbot: QtBot, coop: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show_book(Book.open(coop))
    window.show()
    screen = window.screens["dashboard"]
    assert window.current_screen() is screen
    assert isinstance(screen, DashboardScreen) and screen.active_tile.value_text() == "1"
    window.grab()


def test_months_and_money_follow_the_books_locale(qtbot: QtBot, host: BookHost, tmp_path: Path) -> None:
    path = tmp_path / "lyon.coopdesk"
    with Book.create(path, name="Lyon", currency="EUR", locale="fr_FR") as book:
        book.run(add_plan, "Mensuel", Money("1234.50", "EUR"), "monthly")
        book.run(add_member, MemberInput("Anne Roux", JANUARY, number="1"))
        book.run(assign_plan, "1", "Mensuel", JANUARY)
        book.run(run_dues, 2026, 6)
    screen = DashboardScreen(AppContext(host))  # the context takes the locale when a book opens
    qtbot.addWidget(screen)
    screen.show()
    host.replace(Book.open(path))
    nbsp, narrow = "\N{NO-BREAK SPACE}", "\N{NARROW NO-BREAK SPACE}"
    assert [bar.label for bar in screen.chart.bars()][-3:] == ["avr.", "mai", "juin"]
    assert screen.chart.bars()[-1].text == (
        f"juin 2026: 0,00{nbsp}€ collected of 1{narrow}234,50{nbsp}€ charged.")
    assert screen.owing_tile.detail_text().startswith(f"7{narrow}407,00{nbsp}€ owed")
    assert screen.as_of_label.text() == "As of today, 30 juin 2026"
    assert screen.chart_title.text() == "Dues collected per month (EUR)"
