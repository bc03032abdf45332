"""The written notices of allocation: the figures are `notice_of_allocation`'s and add up, the
PDF says them in each member's language, files are private and carry only their title and the
co-op's name.

Expected words are looked up with `translations(locale).gettext` and amounts and dates written
by a `Formatter` for the member's locale, so these tests hold before and after the catalogs
translate the notice's labels.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import stat
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from coopdesk.book import Book
from coopdesk.dues.payments import record_payment
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.run import run_dues
from coopdesk.errors import NotFound
from coopdesk.formatting import Formatter
from coopdesk.i18n import translations
from coopdesk.ledger.lookup import account_id_for
from coopdesk.ledger.service import post_entry
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk.patronage import notice_labels as labels
from coopdesk.patronage.capital import record_share_payment
from coopdesk.patronage.measures import PoolDraft, add_measure, set_pools
from coopdesk.patronage.notice_data import NoticeData, allocation_members, notices_for
from coopdesk.patronage.notice_wording import notice_text
from coopdesk.patronage.notices import notice_pdf, write_notices
from coopdesk.patronage.queries import notice_of_allocation
from coopdesk.patronage.records import RecordInput, add_records
from coopdesk.patronage.redemption import post_redemption
from coopdesk.patronage.run import RunTerms, post_allocation
from coopdesk.settings import PostalAddress, update_settings
from coopdesk.statements import labels as statement_labels
from coopdesk.statements.document import PrintOptions
from coopdesk.statements.layout import US_LETTER_10
from sqlalchemy.orm import Session

Y2025, Y2026 = dt.date(2025, 1, 1), dt.date(2026, 1, 1)
POSTED_2025, POSTED_2026 = dt.date(2026, 3, 1), dt.date(2027, 2, 1)
TODAY = dt.date(2027, 2, 5)
LANGUAGES = {"1": "en", "2": "fr", "3": "de", "4": "es"}


def usd(text: str) -> Money:
    return Money(text, "USD")


def build_patronage_coop(book: Book) -> Book:
    """A US co-op: two workers (hours) and three consumers (purchases), members 2-4 reading in
    French, German and Spanish; member 5 never pays a due (left out). Member 1 paid a share.
    2025 is allocated with 20 % cash, 2026 with 30 %, and 1,000.00 redeemed the day 2026 is
    posted."""
    book.run(update_settings, replace(
        book.settings, address=PostalAddress(("214 Riverside Avenue",), "97520", "Riverside", "OR",
                                             "US"), email="treasurer@riverside.coop"))
    book.run(add_plan, "Monthly", usd("1.00"), "monthly")
    people = [
        MemberInput("Ada Okafor", dt.date(2024, 1, 1), number="1", class_code="worker",
                    address_lines=("12 Mill Road",), postal_code="97520", city="Riverside",
                    region="OR", country="US"),
        MemberInput("Chloé Lefèvre", dt.date(2024, 1, 1), number="2", class_code="worker",
                    language="fr", address_lines=("29 rue des Capucins",), postal_code="69001",
                    city="Lyon", country="FR"),
        MemberInput("Jürgen Müller", dt.date(2024, 1, 1), number="3", class_code="consumer",
                    language="de", address_lines=("Hauptstraße 5",), postal_code="10115",
                    city="Berlin", country="DE"),
        MemberInput("José García", dt.date(2024, 1, 1), number="4", class_code="consumer",
                    language="es"),
        MemberInput("Walter Hughes", dt.date(2024, 1, 1), number="5", class_code="consumer"),
    ]
    for member in people:
        book.run(add_member, member)
        book.run(assign_plan, member.number, "Monthly", dt.date(2024, 1, 1))
    book.run(run_dues, 2026, 12)
    for number in "1234":
        book.run(record_payment, number, dt.date(2024, 1, 5), usd("36.00"))
    book.run(add_measure, "hours", "Hours worked", "hours")
    book.run(add_measure, "purchases", "Purchases", "USD")
    book.run(set_pools, [PoolDraft("worker", "hours", Decimal(60)),
                         PoolDraft("consumer", "purchases", Decimal(40))])
    book.run(add_records, [
        RecordInput("1", dt.date(2025, 3, 1), "hours", Decimal("1200")),
        RecordInput("2", dt.date(2025, 4, 1), "hours", Decimal("600.5")),
        RecordInput("3", dt.date(2025, 5, 1), "purchases", Decimal("310.25")),
        RecordInput("4", dt.date(2025, 6, 1), "purchases", Decimal("89.75")),
        RecordInput("5", dt.date(2025, 7, 1), "purchases", Decimal("500")),
        RecordInput("1", dt.date(2026, 3, 1), "hours", Decimal("1000")),
        RecordInput("2", dt.date(2026, 4, 1), "hours", Decimal("700")),
        RecordInput("3", dt.date(2026, 5, 1), "purchases", Decimal("200")),
        RecordInput("4", dt.date(2026, 6, 1), "purchases", Decimal("100")),
    ])

    def sales(day: dt.date, amount: str) -> None:
        def post(session: Session) -> None:
            units = usd(amount).minor_units
            post_entry(session, EntryDraft(day, EntryKind.MANUAL, (
                PostingDraft(account_id_for(session, "1010"), units),
                PostingDraft(account_id_for(session, "4100"), -units)), memo="Sales"))
        book.run(post)

    sales(dt.date(2025, 6, 30), "10000.00")
    sales(dt.date(2026, 6, 30), "4000.00")
    book.run(record_share_payment, "1", usd("100.00"), dt.date(2024, 2, 1))
    book.run(post_allocation, RunTerms(Y2025, Decimal(10), Decimal(20), usd("5.00")), POSTED_2025)
    book.run(post_allocation, RunTerms(Y2026, Decimal(10), Decimal(30), usd("5.00")), POSTED_2026)
    book.run(post_redemption, usd("1000.00"), POSTED_2026)
    return book


@pytest.fixture(scope="module")
def coop(tmp_path_factory: pytest.TempPathFactory) -> Book:
    path = tmp_path_factory.mktemp("notices") / "coop.coopdesk"
    with Book.create(path, name="Riverside Food Co-op", currency="USD", locale="en_US") as book:
        build_patronage_coop(book)
    return Book.open(path, read_only=True)


@pytest.fixture(scope="module")
def notices(coop: Book) -> dict[str, NoticeData]:
    numbers = coop.read(allocation_members, Y2026)
    return {d.notice.member_number: d for d in coop.read(notices_for, Y2026, numbers, today=TODAY)}


def flat(text: str) -> str:
    """Text with every run of white space (line breaks, no-break spaces) one space."""
    return " ".join(text.split())


def pdf_text(data: NoticeData, options: PrintOptions = PrintOptions()) -> tuple[str, PdfReader]:
    out = io.BytesIO()
    assert notice_pdf(out, data, options) == 1
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    return flat(reader.pages[0].extract_text()), reader


def test_the_figures_are_the_cores_and_add_up(coop: Book) -> None:
    for year in (Y2025, Y2026):
        numbers = coop.read(allocation_members, year)
        assert numbers == ["1", "2", "3", "4"]  # member 5 does not share
        for data in coop.read(notices_for, year, numbers, today=TODAY):
            n = data.notice
            assert n == coop.read(notice_of_allocation, year, n.member_number)
            assert n.previous_balance + n.credited - n.redeemed == n.balance
            assert n.cash + n.retained == n.allocation
            assert sum((p.amount for p in data.pools), usd("0")) == n.allocation
    (first,) = coop.read(notices_for, Y2025, ["1"], today=TODAY)
    assert first.notice.previous_balance == usd("100.00")  # the share, before the allocation
    later = coop.read(notices_for, Y2026, ["1", "2"], today=TODAY)
    assert all(d.notice.redeemed.is_positive for d in later)  # redeemed the day it was posted


def test_members_without_an_allocation_are_refused(coop: Book) -> None:
    with pytest.raises(NotFound, match="member 5"):
        coop.read(notices_for, Y2026, ["1", "5"], today=TODAY)
    with pytest.raises(NotFound, match="'99'"):
        coop.read(notices_for, Y2026, ["99"], today=TODAY)
    with pytest.raises(NotFound, match="no allocation"):
        coop.read(notices_for, dt.date(2024, 1, 1), ["1"], today=TODAY)


@pytest.mark.parametrize(("number", "language"), sorted(LANGUAGES.items()))
@pytest.mark.parametrize("options", [PrintOptions(), PrintOptions(layout=US_LETTER_10)],
                         ids=["a4", "letter"])
def test_the_pdf_says_the_figures_in_the_members_language(
        notices: dict[str, NoticeData], number: str, language: str, options: PrintOptions) -> None:
    data = notices[number]
    assert data.language == language
    text, _ = pdf_text(data, options)
    write = Formatter(data.locale)
    t = translations(data.locale).gettext
    n = data.notice
    expected = [
        n.member_name, n.member_number, *data.recipient, data.letterhead.name,
        t(labels.NOTICE_TITLE), t(labels.YOUR_PATRONAGE), t(labels.YOUR_ALLOCATION),
        t(labels.PAID_IN_CASH), t(labels.RETAINED), t(labels.CAPITAL_ACCOUNT),
        t(labels.BALANCE_BEFORE), t(labels.CREDITED),
        t(labels.NOTICE_INTRO).format(surplus=write.money(n.surplus),
                                      total=write.money(n.total_allocation)),
        t(labels.REDEEMED).format(date=write.date(n.posted_on, "long")),
        t(labels.BALANCE_AFTER).format(date=write.date(n.posted_on, "long")),
        t(labels.QUALIFIED), t(labels.KEEP),
        t(statement_labels.PAGE).format(page=1, pages=1),
        write.date(TODAY, "long"), write.date(n.year_start), write.date(n.year_end),
        write.money(n.allocation), write.money(n.cash), write.money(n.retained),
        write.money(n.previous_balance), write.money(n.credited), write.money(n.redeemed),
        write.money(n.balance),
        *(write.money(p.amount) for p in data.pools),
        *(f"{write.number(p.quantity)} {p.unit}" for p in data.pools),
        *(f"{p.measure} ({p.members})" for p in data.pools),
    ]
    missing = [flat(e) for e in expected if flat(e) not in text]
    assert missing == []


def test_a_notice_below_20_percent_cash_says_it_is_not_qualified_and_only_us_coops_get_tax_words(
        notices: dict[str, NoticeData]) -> None:
    data = notices["2"]
    t = translations(data.locale).gettext
    assert notice_text(data).tax[0] == t(labels.QUALIFIED)
    unqualified = replace(data, notice=replace(data.notice, qualified=False))
    assert notice_text(unqualified).tax[0] == t(labels.NOT_QUALIFIED)
    assert flat(t(labels.NOT_QUALIFIED)) in pdf_text(unqualified)[0]
    assert notice_text(replace(data, home_country="FR")).tax == ()


def test_a_cash_part_below_the_minimum_is_explained(notices: dict[str, NoticeData]) -> None:
    data = notices["4"]
    n = data.notice
    below = replace(data, notice=replace(n, cash=usd("0.00"), retained=n.allocation))
    write = Formatter(data.locale)
    note = translations(data.locale).gettext(labels.CASH_BELOW_MINIMUM).format(
        amount=write.money(data.min_payout))
    assert notice_text(below).allocation_note == note
    assert notice_text(data).allocation_note == ""
    assert flat(note) in pdf_text(below)[0]


def test_metadata_is_the_title_and_the_coop_only(notices: dict[str, NoticeData]) -> None:
    data = notices["3"]
    _, reader = pdf_text(data)
    meta = reader.metadata
    assert meta is not None
    title = translations(data.locale).gettext(labels.NOTICE_DOCUMENT_TITLE).format(year="2026")
    assert meta.title == title
    assert meta.author == "Riverside Food Co-op"
    assert meta.get("/Creator") == "coopdesk"
    assert set(meta) <= {"/Title", "/Author", "/Creator", "/Producer", "/Subject", "/Keywords",
                         "/CreationDate", "/ModDate", "/Trapped"}
    assert not meta.get("/Subject") and not meta.get("/Keywords")


def test_invariant_notices_are_the_same_bytes(notices: dict[str, NoticeData]) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    notice_pdf(first, notices["1"], PrintOptions(invariant=True))
    notice_pdf(second, notices["1"], PrintOptions(invariant=True))
    assert first.getvalue() == second.getvalue()


def test_written_combined_or_one_private_file_per_member(coop: Book, tmp_path: Path) -> None:
    combined = tmp_path / "notices.pdf"
    result = write_notices(coop, Y2026, ["1", "2", "3", "4"], combined, combined=True, today=TODAY)
    assert (result.statements, result.pages, result.files) == (4, 4, (combined,))
    assert stat.S_IMODE(combined.stat().st_mode) == 0o600
    reader = PdfReader(combined)
    assert len(reader.pages) == 4
    assert reader.metadata is not None and reader.metadata.author == "Riverside Food Co-op"
    assert "Jürgen Müller" in reader.pages[2].extract_text()
    duplex = write_notices(coop, Y2026, ["1", "2"], tmp_path / "duplex.pdf", combined=True,
                           options=PrintOptions(duplex=True), today=TODAY)
    assert duplex.pages == 4 and len(PdfReader(tmp_path / "duplex.pdf").pages) == 4
    folder = tmp_path / "each"
    result = write_notices(coop, Y2026, ["2", "3"], folder, combined=False, today=TODAY)
    assert [f.name for f in result.files] == ["2-Chloe-Lefevre.pdf", "3-Jurgen-Muller.pdf"]
    for path in result.files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [p.name for p in folder.iterdir()] and not [p for p in folder.iterdir()
                                                       if p.name.startswith(".")]


def test_the_cli_writes_notices_and_says_what(coop: Book, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from coopdesk.cli.main import main
    out = tmp_path / "cli.pdf"
    assert main(["--book", str(coop.path), "patronage-notices", "--year", "2026",
                 "--out", str(out), "--date", TODAY.isoformat()]) == 0
    assert "4 notice(s)" in capsys.readouterr().out
    assert len(PdfReader(out).pages) == 4
    assert main(["--book", str(coop.path), "patronage-notices", "--year", "2024",
                 "--out", str(tmp_path / "none.pdf")]) != 0
    assert "no allocation" in capsys.readouterr().err
    assert not (tmp_path / "none.pdf").exists()


def test_notice_data_is_plain(notices: dict[str, NoticeData]) -> None:
    assert dataclasses.is_dataclass(notices["1"]) and notices["1"].pools[0].unit == "hours"
