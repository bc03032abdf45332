"""The annual meeting's printed pack, read back from its PDFs: the voter roll and the sign-in
sheet name every eligible voter in name order (and the roll everyone else, with why), the
worksheet has the quorum's figures, and the annual report prints `annual_report`'s figures as
the book's locale writes them, in English and in French; files are private and carry only
their title and the co-op's name."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import stat
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from coopdesk.book import Book
from coopdesk.demo import build_demo
from coopdesk.formatting import Formatter
from coopdesk.i18n import translations
from coopdesk.meetings import pack_labels as labels
from coopdesk.meetings.annual_report import AnnualReport, annual_report
from coopdesk.meetings.eligibility import VoterRow
from coopdesk.meetings.pack import FILES, report_year, write_pack
from coopdesk.meetings.queries import MeetingState, list_meetings, meeting_state
from coopdesk.meetings.quorum import QuorumRule
from coopdesk.meetings.service import MeetingDraft, add_meeting, record_attendance
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.settings import load_settings, update_settings

TODAY = dt.date(2026, 11, 26)
LETTER = (612, 792)
A4 = (595, 842)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pack-demo") / "demo.coopdesk"
    build_demo(path, today=TODAY)
    return path


@pytest.fixture(scope="module")
def english_pack(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pack-en") / "pack"
    with Book.open(demo, read_only=True) as book:
        meeting = book.read(list_meetings)[0].id
    return {path.name: path for path in write_pack(demo, meeting, out, today=TODAY)}


@pytest.fixture(scope="module")
def french_book(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pack-fr") / "demo-fr.coopdesk"
    shutil.copy(demo, path)
    with Book.open(path) as book:
        book.run(update_settings, dataclasses.replace(book.read(load_settings), locale="fr_FR"))
    return path


def spaced(text: str) -> str:
    """`text` with no-break spaces as plain ones (text extraction reads them so)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def text_lines(path: Path) -> list[str]:
    return [spaced(line.strip()) for page in PdfReader(path).pages
            for line in page.extract_text().split("\n") if line.strip()]


def folded(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(ch))


def in_name_order(found: list[str], rows: list[VoterRow]) -> bool:
    at = [found.index(row.sort_name) for row in rows]
    names = [found[i] for i in sorted(at)]
    return names == sorted(names, key=lambda name: (folded(name), name))


def state_of(path: Path) -> tuple[str, MeetingState]:
    with Book.open(path, read_only=True) as book:
        settings = book.read(load_settings)
        return settings.locale, book.read(meeting_state, book.read(list_meetings)[0].id)


def test_four_private_files_with_only_their_title_and_the_coop(english_pack: dict[str, Path]) -> None:
    assert sorted(english_pack) == sorted(FILES)
    for path in english_pack.values():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        reader = PdfReader(path)
        meta = reader.metadata
        assert meta is not None and meta.author == "Riverside Food Co-op" and meta.title
        assert not meta.subject and "/Keywords" not in meta or not meta.get("/Keywords")
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == LETTER  # en_US: Letter
        pages = len(reader.pages)
        assert f"Page {pages} of {pages}" in text_lines(path)
    assert PdfReader(english_pack["voter-roll.pdf"]).metadata.title == (  # type: ignore[union-attr]
        "Voter roll: Annual meeting 2026, December 26, 2026")


def test_the_roll_names_every_voter_in_name_order_and_everyone_else_with_why(
        demo: Path, english_pack: dict[str, Path]) -> None:
    _, state = state_of(demo)
    found = text_lines(english_pack["voter-roll.pdf"])
    eligible, excluded = list(state.eligible), list(state.excluded)
    assert len(eligible) == 48 and len(excluded) == 12
    assert all(row.sort_name in found for row in eligible + excluded)
    split = found.index("Members who may not vote")
    assert all(found.index(row.sort_name) < split for row in eligible)
    assert all(found.index(row.sort_name) > split for row in excluded)
    assert in_name_order(found, eligible) and in_name_order(found, excluded)
    assert "Members who may vote: 48" in found and "Members who may not vote: 12" in found
    assert "10% of the eligible voters or 5 members, whichever is more" in found
    write = Formatter("en_US")
    for row in excluded:
        at = found.index(row.sort_name)
        if row.reason == "left":
            assert row.left_on is not None
            why = f"left on {write.date(row.left_on)}"
        elif row.reason == "in_arrears":
            why = f"in arrears ({row.months_in_arrears} months)"
        else:
            why = labels.REASONS[row.reason or ""]
        assert why in found[at:at + 4], row


def test_the_signin_sheet_lists_the_voters_by_name_with_blank_rows(
        demo: Path, english_pack: dict[str, Path]) -> None:
    _, state = state_of(demo)
    found = text_lines(english_pack["sign-in-sheet.pdf"])
    eligible = list(state.eligible)
    assert all(row.sort_name in found for row in eligible)
    assert not any(row.sort_name in found for row in state.excluded)
    assert in_name_order(found, eligible)
    pages = len(PdfReader(english_pack["sign-in-sheet.pdf"]).pages)
    assert found.count("Annual meeting 2026, December 26, 2026") == pages  # on every page
    assert found.count("Proxy for / held by") >= pages
    assert labels.SIGNIN_BLANK in found


def test_the_worksheet_has_the_quorum_and_what_the_door_recorded(
        demo: Path, english_pack: dict[str, Path], tmp_path: Path) -> None:
    found = text_lines(english_pack["quorum-worksheet.pdf"])
    assert found[found.index("Eligible voters") + 1] == "48"
    assert "5" in found[found.index("Quorum needed"):found.index("Quorum needed") + 4]
    assert "The bylaws' rule: 10% of the eligible voters or 5 members, whichever is more." in found
    assert not any(line.startswith("As recorded at") for line in found)
    copy = tmp_path / "door.coopdesk"
    shutil.copy(demo, copy)
    with Book.open(copy) as book:
        meeting = book.read(list_meetings)[0].id
        first, second, third = (row.number for row in book.read(meeting_state, meeting).eligible[:3])
        book.run(record_attendance, meeting, first)
        book.run(record_attendance, meeting, second)
        book.run(record_attendance, meeting, third, first)
        paths = write_pack(book, meeting, tmp_path / "door", today=TODAY)
    found = text_lines(paths[2])
    assert any(line.startswith("As recorded at") for line in found)
    after = {label: found[found.index(label) + 1]
             for label in ("Members present in person", "Members represented by proxy", "Total")}
    assert after == {"Members present in person": "2", "Members represented by proxy": "1",
                     "Total": "3"}
    assert found[found.index("Quorum reached") + 1:found.index("Quorum reached") + 4] == [
        "Yes", "No", "No"]  # the boxes to tick, then what was recorded
    assert "The quorum is not reached yet: 2 more needed." in " ".join(found)


def report_figures(report: AnnualReport, locale: str) -> list[str]:
    """Every figure of the report as the book's locale writes it."""
    write = Formatter(locale)
    money = write.money
    income = report.income
    sheet = report.balance_sheet
    figures = [money(line.this_year) for line in income.income + income.expenses]
    figures += [money(line.last_year) for line in income.income + income.expenses]
    figures += [money(x) for x in (*income.total_income, *income.total_expenses, *income.surplus)]
    figures += [money(line.balance) for line in sheet.assets + sheet.liabilities + sheet.equity]
    figures += [money(x) for x in (sheet.accumulated_surplus, sheet.total_assets,
                                   sheet.total_liabilities, sheet.total_equity)]
    m = report.membership
    figures += [write.number(m.at_start), f"+{write.number(m.joined)}", f"\u2212{write.number(m.left)}",
                write.number(m.at_end)]
    figures += [write.number(count) for _, count in m.by_class]
    dues = report.dues
    figures += [money(dues.charged), money(dues.collected),
                write.percent(Decimal(dues.rate) / 100, exact=True)]
    for fund in report.funds:
        figures += [money(fund.opening), f"+{money(fund.contributions)}",
                    f"\u2212{money(fund.payouts)}", money(fund.closing)]
    p = report.patronage
    figures += [money(x) for x in (p.surplus, p.reserve, p.cash, p.retained, p.redeemed_in_year)]
    figures += [write.number(report.chain.entries)]
    return figures


def check_report(path: Path, report: AnnualReport, locale: str) -> None:
    found = text_lines(path)
    words = " ".join(found)
    for figure in report_figures(report, locale):
        assert spaced(figure) in found, figure
    assert report.chain.hash is not None
    hash_line = next(line for line in found if line.replace(" ", "") == report.chain.hash)
    assert hash_line.split() == [report.chain.hash[i:i + 8] for i in range(0, 64, 8)]
    t = translations(locale).gettext
    write = Formatter(locale)
    for message in (labels.REPORT_TITLE, labels.INCOME_TITLE, labels.MEMBERSHIP_TITLE,
                    labels.DUES_TITLE, labels.FUNDS_TITLE, labels.CHAIN_TITLE, labels.AUDITORS):
        assert spaced(t(message)) in found, message
    assert spaced(t(labels.BALANCE_TITLE).format(date=write.date(report.year_end, "long"))) in found
    assert spaced(t(labels.DRAWN_ON).format(date=write.date(TODAY, "long"))) in words
    owed = spaced(write.money(report.dues.owed_at_end))
    assert any(line.startswith(owed) for line in found)
    (fund,) = report.funds
    assert fund.name in found
    # the totals balance, as printed
    sheet = report.balance_sheet
    assert write.money(sheet.total_liabilities + sheet.total_equity) == write.money(sheet.total_assets)


def test_the_annual_report_prints_the_report_figures_in_english(
        demo: Path, english_pack: dict[str, Path]) -> None:
    with Book.open(demo, read_only=True) as book:
        meeting = book.read(list_meetings)[0]
        settings = book.read(load_settings)
        year = report_year(meeting.meeting_date, settings.fiscal_year_start)
        report = book.read(annual_report, year)
    assert year == dt.date(2025, 1, 1)
    check_report(english_pack["annual-report.pdf"], report, "en_US")
    found = text_lines(english_pack["annual-report.pdf"])
    assert "Fiscal year 2025" in found and "No allocation this year" not in " ".join(found)
    assert "Presented at the Annual meeting 2026 on December 26, 2026" in found


def test_the_pack_in_french_on_a4(french_book: Path, tmp_path: Path) -> None:
    with Book.open(french_book, read_only=True) as book:
        meeting = book.read(list_meetings)[0]
        report = book.read(annual_report, dt.date(2025, 1, 1))
        state = book.read(meeting_state, meeting.id)
    paths = {p.name: p for p in write_pack(french_book, meeting.id, tmp_path / "fr", today=TODAY)}
    t = translations("fr_FR").gettext
    write = Formatter("fr_FR")
    for path in paths.values():
        box = PdfReader(path).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4
    check_report(paths["annual-report.pdf"], report, "fr_FR")
    roll = text_lines(paths["voter-roll.pdf"])
    assert spaced(t(labels.ROLL_EXCLUDED)) in roll
    assert spaced(write.date(meeting.meeting_date, "long")) in " ".join(roll)
    left = next(row for row in state.excluded if row.reason == "left")
    assert left.left_on is not None
    assert spaced(t(labels.REASON_LEFT_ON).format(date=write.date(left.left_on))) in roll
    sheet = text_lines(paths["quorum-worksheet.pdf"])
    assert spaced(t(labels.ELIGIBLE_VOTERS)) in sheet
    assert spaced(write.number(state.worksheet.eligible)) in sheet


def test_a_first_year_without_funds_or_patronage(book: Book, tmp_path: Path) -> None:
    for name in ("Zoë Weiß", "Ada Lovelace", "Émile Zola"):
        book.run(add_member, MemberInput(name, dt.date(2026, 1, 1)))
    meeting = book.run(add_meeting, MeetingDraft(dt.date(2026, 12, 1), dt.date(2026, 11, 15),
                                                 quorum=QuorumRule(number=2))).result
    paths = write_pack(book, meeting, tmp_path / "first", year_start=dt.date(2026, 1, 1),
                       today=TODAY)
    found = text_lines(paths[3])
    assert labels.NO_FUNDS in found
    assert labels.NO_ALLOCATION in " ".join(found)
    assert labels.NO_PREVIOUS in " ".join(found)
    assert "Members at the end of the year (Dec 31, 2026)" in found
    roll = text_lines(paths[0])
    assert "2 members" in roll  # the quorum rule in words
    report = book.read(annual_report, dt.date(2026, 1, 1))
    assert report.income.income == () and report.funds == ()
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in paths)
    # the default year: the last fiscal year ended before the meeting (2025, empty)
    empty = write_pack(book, meeting, tmp_path / "default", today=TODAY)
    assert "Fiscal year 2025" in text_lines(empty[3])
