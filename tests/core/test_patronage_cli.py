"""Patronage and capital accounts on the command line: a whole year's story (measures, pools,
records imported and added, the draft, the post, the cash paid, shares, a redemption, a member who
leaves and is paid back, the reports and the 1099-PATR CSV), every figure compared with the core's
queries on the same book, and every mistake one line on stderr with the book unchanged."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from coopdesk import paths
from coopdesk.book import Book
from coopdesk.cli.main import main
from coopdesk.money import Money
from coopdesk.patronage.measures import list_measures, list_pools
from coopdesk.patronage.queries import (
    allocation_table,
    capital_register,
    list_allocations,
    member_capital,
    patr_1099,
)
from coopdesk.patronage.records import list_records
from coopdesk.patronage.redemption import preview_redemption
from coopdesk.patronage.run import RunTerms, preview_allocation
from tests.core.helpers import file_digest
from tests.core.test_cli import run

Y2025 = dt.date(2025, 1, 1)
HOURS_CSV = "Member;Datum;Stunden;Notiz\r\n1;2025-03-01;1200;Q1\r\n2;2025-04-01;600.5;\r\n".encode("cp1252")
PURCHASES_CSV = (b"member,date,measure,amount,ref\n3,05/01/2025,purchases,\"310.25\",till 1\n"
                 b"4,2025-06-01,purchases,89.75,\n5,2025-07-01,purchases,500,\n")
DRAFT = ("--year", "2025", "--reserve", "10", "--cash", "15", "--min-payout", "5")


def _quiet(*argv: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    assert code == 0, (argv, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def base_book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Two workers and three consumers on a dollar a month, members 1-4 paid up for 2025 and
    member 5 not; 60 % to workers by hours, 40 % to consumers by purchases (10 at least); the
    year's records imported; 10,000.00 of sales. Made once through the command line, copied."""
    folder = tmp_path_factory.mktemp("patronage-cli")
    path = folder / "base.coopdesk"
    (folder / "hours.csv").write_bytes(HOURS_CSV)
    (folder / "purchases.csv").write_bytes(PURCHASES_CSV)
    (folder / "sales.json").write_text(json.dumps([{"date": "2025-06-30", "memo": "Sales", "postings": [
        {"account": "1010", "amount": "10000.00"}, {"account": "4100", "amount": "-10000.00"}]}]))
    with pytest.MonkeyPatch.context() as patch:  # the autouse private data folder is per test
        patch.setattr(paths, "data_folder", lambda: folder / "user-data")
        _quiet("init", str(path), "--name", "Riverside Co-op")
        book = ("--book", str(path))
        steps: list[tuple[str, ...]] = [("plans", "add", "Monthly", "--amount", "1.00", "--frequency", "monthly")]
        for number, klass in (("1", "worker"), ("2", "worker"), ("3", "consumer"), ("4", "consumer"),
                              ("5", "consumer")):
            steps += [("members", "add", f"Member {number}", "--joined", "2024-01-01", "--number", number,
                       "--class", klass, "--address", f"{number} Main St", "--city", "Springfield",
                       "--region", "IL", "--postal-code", "62701"),
                      ("plans", "assign", number, "Monthly", "--from", "2024-01-01")]
        steps.append(("dues", "run", "--through", "2025-12"))
        steps += [("payments", "add", number, "24.00", "--date", "2024-01-05") for number in "1234"]
        steps += [("patronage", "measures", "add", "hours", "Hours worked", "--unit", "hours"),
                  ("patronage", "measures", "add", "purchases", "Purchases", "--unit", "USD"),
                  ("patronage", "pools", "set", "worker:hours:60", "consumer:purchases:40:min=10"),
                  ("patronage", "import", str(folder / "hours.csv"), "--measure", "hours"),
                  ("patronage", "import", str(folder / "purchases.csv")),
                  ("entries", "post", str(folder / "sales.json"))]
        for argv in steps:
            _quiet(*book, *argv)
        yield path


@pytest.fixture
def book(base_book: Path, tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "coop.coopdesk"
    shutil.copy(base_book, path)
    return "--book", str(path)


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, (argv, err)
    return out


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """A mistake: one message on stderr, a non-zero exit, nothing on stdout, no traceback."""
    code, out, err = run(capsys, *argv)
    assert code != 0 and out == "", (argv, out)
    assert err.startswith("coopdesk: ") and "Traceback" not in err, err
    return err


def read(book: tuple[str, str], query: Any, *args: Any) -> Any:
    with Book.open(Path(book[1]), read_only=True) as b:
        return b.read(query, *args)


def usd(text: str) -> Money:
    return Money(text, "USD")


def plain(value: Any) -> Any:
    """A value as the JSON output writes it."""
    if isinstance(value, Money):
        return str(value.amount)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_measures_pools_and_records(book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    measures = json.loads(ok(capsys, *book, "patronage", "measures", "list", "--format", "json"))
    assert measures == [{"code": m.code, "name": m.name, "unit": m.unit} for m in read(book, list_measures)]
    assert "Hours worked" in ok(capsys, *book, "patronage", "measures")
    pools = json.loads(ok(capsys, *book, "patronage", "pools", "--format", "json"))
    assert [(p["pool"], p["member_class"], p["percent"], p["min_quantity"]) for p in pools] == [
        (p.label, p.class_code, str(p.percent), str(p.min_quantity)) for p in read(book, list_pools)]
    assert [(p["percent"], p["min_quantity"]) for p in pools] == [("60", "0.000"), ("40", "10.000")]

    out = ok(capsys, *book, "patronage", "add", "--member", "1", "--date", "2025-05-05", "--measure", "Hours",
             "--quantity", "10.5", "--reference", "extra shift")
    assert out == "Recorded 10.5 hours for member 1 on 2025-05-05\n"
    records = json.loads(ok(capsys, *book, "patronage", "records", "--member", "1", "--format", "json"))
    expected = read(book, list_records)
    assert [(r["date"], r["quantity"], r["reference"]) for r in records] == [
        (plain(r.date), plain(r.quantity), r.reference) for r in expected if r.member_number == "1"]
    assert len(records) == 2
    rows = list(csv.DictReader(io.StringIO(ok(capsys, *book, "patronage", "records", "--measure", "purchases",
                                              "--from", "2025-06-01", "--format", "csv"))))
    assert [(r["member_number"], r["quantity"]) for r in rows] == [("5", "500.000"), ("4", "89.750")]
    assert len(ok(capsys, *book, "patronage", "records", "--limit", "1").splitlines()) == 3  # header, rule, 1

    out = ok(capsys, *book, "patronage", "pools", "set", "all:purchases:100:min=0")
    assert out == "Set 1 pool(s): every member by purchases 100%\n"


def test_import_dry_run_then_import_and_a_bad_file(book: tuple[str, str], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "more.csv"
    file.write_text("Member,Date,Hours,Name\n1,2025-08-01,\"1,000.25\",Member 1\n2,2025-08-02,3,Member 2\n")
    before = file_digest(Path(book[1]))
    code, out, err = run(capsys, *book, "patronage", "import", str(file), "--measure", "hours", "--dry-run")
    assert code == 0 and "2 record(s) of 2 member(s) would be added; nothing was changed" in out
    assert "column(s) not used: Name" in err
    assert file_digest(Path(book[1])) == before
    code, out, err = run(capsys, *book, "patronage", "import", str(file), "--measure", "hours", "--format", "json")
    assert code == 0 and "coopdesk: 2 record(s) of 2 member(s) added" in err
    lines = json.loads(out)
    assert [(r["line"], r["member_number"], r["quantity"], r["unit"]) for r in lines] == [
        (2, "1", "1000.25", "hours"), (3, "2", "3", "hours")]
    assert len(read(book, list_records)) == 7
    code, _, err = run(capsys, *book, "patronage", "import", str(file), "--measure", "hours", "--dry-run")
    assert code == 0 and "2 row(s) equal a record already in the book (line 2, 3)" in err

    bad = tmp_path / "bad.csv"
    bad.write_text("Member,Date,Measure,Quantity\n1,2025-08-01,hours,2\n99,2025-08-02,hours,3\n"
                   "2,2025-13-01,hours,1\n")
    before = file_digest(Path(book[1]))
    err = refused(capsys, *book, "patronage", "import", str(bad))
    assert err.splitlines() == [f"coopdesk: {bad}: nothing was imported, 1 problem to fix first:",
                                "  line 4, column 'Date': '2025-13-01' is not a date in en_US: write it "
                                "as 3/31/26 or 2026-03-31"]
    bad.write_text("Member,Date,Measure,Quantity\n1,2025-08-01,hours,2\n99,2025-08-02,hours,3\n")
    err = refused(capsys, *book, "patronage", "import", str(bad))
    assert "line 3, column 'Member': no member with number '99'" in err
    assert file_digest(Path(book[1])) == before


def test_the_years_story(book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(book[1])
    terms = RunTerms(Y2025, Decimal(10), Decimal(15), usd("5.00"))

    # The draft: the core's preview, line for line; member 5 left out; nothing changed.
    before = file_digest(path)
    code, out, err = run(capsys, *book, "patronage", "allocate", *DRAFT, "--format", "json")
    assert code == 0 and "the cash part is 15%: below 20%" in err
    preview = read(book, preview_allocation, terms)
    assert json.loads(out) == [
        {"member_number": x.member_number, "member_name": x.member_name, "pool": x.pool,
         "quantity": plain(x.quantity), "unit": x.unit, "amount": plain(x.amount), "cash": plain(x.cash),
         "retained": plain(x.retained), "cash_retained": x.cash_retained} for x in preview.lines]
    table = ok(capsys, *book, "patronage", "allocate", *DRAFT)
    assert table.startswith("Draft allocation of the fiscal year 2025-01-01 to 2025-12-31: nothing posted")
    assert "Warning: the cash part is 15%" in table
    result = preview.result
    for label, value in (("Surplus (from the ledger)", result.terms.surplus),
                         ("- reserve (10%)", result.reserve),("= allocated to members", result.cash + result.retained),
                         ("Paid in cash (15%)", result.cash), ("Retained in capital accounts", result.retained),
                         ("To the reserve in all", result.to_reserve)):
        line = next(line for line in table.splitlines() if line.startswith(label))
        assert line.endswith(f"{value.amount:,}"), (label, line)
    assert "Left out:\n  5 Member 5, Consumer by purchases (500 USD): not in good standing" in table
    assert file_digest(path) == before

    # Posted once, at 20 % cash.
    out = ok(capsys, *book, "patronage", "allocate", "--year", "2025", "--reserve", "10", "--cash", "20",
             "--min-payout", "5", "--post", "--date", "2026-03-01")
    (row,) = read(book, list_allocations)
    assert out == (f"Posted the allocation of the fiscal year 2025-01-01 to 2025-12-31 on 2026-03-01: "
                   f"${row.allocated.amount:,} to {row.members} member(s) (cash ${row.cash.amount:,}, "
                   f"retained ${row.retained.amount:,}), ${(row.surplus - row.allocated).amount:,} to the reserve\n")
    before = file_digest(path)
    err = refused(capsys, *book, "patronage", "allocate", *DRAFT, "--post", "--date", "2026-03-02")
    assert "was already allocated; a year is allocated once" in err and err.count("\n") == 1
    assert file_digest(path) == before
    assert "Warning: the year from 2025-01-01 is already allocated" in ok(capsys, *book, "patronage",
                                                                         "allocate", *DRAFT)
    report = json.loads(ok(capsys, *book, "report", "allocation", "--year", "2025", "--format", "json"))
    assert report == [{k: plain(getattr(r, k)) for k in ("member_number", "member_name", "pool", "quantity",
                                                          "amount", "cash", "retained")}
                      for r in read(book, allocation_table, Y2025)]
    shown = ok(capsys, *book, "report", "allocation", "--year", "2025")
    assert shown.startswith("Allocation of the fiscal year 2025-01-01 to 2025-12-31, posted on 2026-03-01")
    assert f"{row.retained.amount:,}" in shown

    # The cash part paid once; a share; the register.
    assert ok(capsys, *book, "patronage", "pay-cash", "--year", "2025", "--date", "2026-03-15") == (
        f"Paid the cash part of the year from 2025-01-01 to 4 member(s), ${row.cash.amount:,} in all, "
        "by bank transfer\n")
    assert ok(capsys, *book, "patronage", "pay-cash", "--year", "2025").startswith("Nothing to pay")
    assert ok(capsys, *book, "patronage", "share", "--member", "1", "--amount", "100", "--date",
              "2024-02-01", "--method", "cash").startswith("Recorded member 1's share of $100.00 on 2024-02-01")
    register = json.loads(ok(capsys, *book, "report", "capital-accounts", "--format", "json"))
    expected = read(book, capital_register, None)
    assert [(r["member_number"], r["shares"], r["retained"], r["payable"], r["total"]) for r in register] == [
        (r.member_number, plain(r.shares), plain(r.retained), plain(r.payable), plain(r.total)) for r in expected]
    assert register[0]["retained_by_year"] == f"2025-01-01 {expected[0].retained.amount}"
    total_line = ok(capsys, *book, "report", "capital-accounts").splitlines()[-1]
    assert total_line.split()[:2] == ["Total", "100.00"]

    # A redemption: previewed as the core plans it, then paid.
    plan = read(book, preview_redemption, usd("1000.00"), dt.date(2026, 6, 1))
    lines = json.loads(ok(capsys, *book, "patronage", "redeem", "--amount", "1000", "--date", "2026-06-01",
                          "--format", "json"))
    assert [(x["member_number"], x["held"], x["redeemed"]) for x in lines] == [
        (x.member_number, plain(x.held), plain(x.redeemed)) for x in plan.lines]
    assert "in part, pro rata" in ok(capsys, *book, "patronage", "redeem", "--amount", "1000", "--date",
                                     "2026-06-01")
    assert ok(capsys, *book, "patronage", "redeem", "--amount", "1000", "--date", "2026-06-01", "--post") == (
        "Redeemed $1,000.00 of retained patronage for 4 member(s), by bank transfer on 2026-06-01\n")
    after = {r.member_number: r for r in read(book, capital_register, None)}
    assert sum((r.retained for r in after.values()), usd("0")) == row.retained - usd("1000.00")

    # Member 1 leaves: their capital becomes payable, paid as it falls due.
    ok(capsys, *book, "members", "leave", "1", "--date", "2026-06-30")
    out = ok(capsys, *book, "patronage", "leave-payable", "--member", "1", "--installments", "3",
             "--first-due", "2026-12-31", "--date", "2026-07-01")
    assert out.startswith(f"Member 1's capital of ${after['1'].total.amount:,} is payable from 2026-07-01 "
                          "in 3 installment(s): 2026-12-31 $")
    assert ok(capsys, *book, "patronage", "pay-capital", "--date", "2026-12-31").startswith(
        "Paid 1 installment(s) to former members")
    assert ok(capsys, *book, "patronage", "pay-capital", "--date", "2027-01-01").startswith("Nothing to pay")
    history = json.loads(ok(capsys, *book, "report", "member-capital", "1", "--format", "json"))
    assert history == [{"date": plain(x.date), "kind": x.kind, "year_start": plain(x.year_start),
                        "account": x.account, "amount": plain(x.amount), "balance": plain(x.balance)}
                       for x in read(book, member_capital, "1")]
    assert [x["kind"] for x in history] == ["share", "retained", "redeemed", "to_payable", "to_payable",
                                            "payable", "paid"]

    # 1099-PATR for 2026: what the core reports, with the recipients' addresses.
    rows = list(csv.DictReader(io.StringIO(ok(capsys, *book, "report", "1099-patr", "--year", "2026",
                                              "--format", "csv"))))
    patr = read(book, patr_1099, 2026)
    assert [(r["member_number"], r["box_1_patronage_dividends"], r["box_5_nonqualified_redemptions"], r["total"],
             r["under_threshold"]) for r in rows] == [
        (p.member_number, plain(p.patronage_dividends), plain(p.nonqualified_redeemed), plain(p.total),
         str(p.under_threshold)) for p in patr]
    assert (rows[0]["name"], rows[0]["address_1"], rows[0]["city"], rows[0]["region"], rows[0]["postal_code"]) == (
        "Member 1", "1 Main St", "Springfield", "IL", "62701")
    assert json.loads(ok(capsys, *book, "report", "1099-patr", "--year", "2025", "--format", "json")) == []
    code, out, _ = run(capsys, *book, "check")
    assert code == 0, out


def test_mistakes_are_one_clear_line_and_change_nothing(book: tuple[str, str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = file_digest(Path(book[1]))
    for argv, message in (
        (("patronage", "measures", "add", "hours", "Again", "--unit", "h"), "there is already a measure hours"),
        (("patronage", "measures", "add", "a b", " ", "--unit", " "), "code: letters, digits"),
        (("patronage", "pools", "set", "worker:hours"), "write CLASS:MEASURE:PERCENT"),
        (("patronage", "pools", "set", "worker:hours:60:max=3"), "the fourth part is min=QUANTITY"),
        (("patronage", "pools", "set", "worker:hours:sixty"), "'sixty' is not a percentage"),
        (("patronage", "pools", "set", "worker:hours:60:min=-1"), "a quantity is more than zero"),
        (("patronage", "pools", "set", "worker:hours:60", "elves:purchases:30"),
         "pool 2: no member class elves; the pools' percentages add up to 90, not 100"),
        (("patronage", "records", "--from", "2025-02-01", "--to", "2025-01-01"), "--from is after --to"),
        (("patronage", "records", "--limit", "0"), "--limit: at least 1"),
        (("patronage", "add", "--member", "9", "--date", "2025-01-01", "--measure", "miles", "--quantity", "1"),
         "no member with number '9'; no measure 'miles'"),
        (("patronage", "add", "--member", "1", "--date", "2025-01-01", "--measure", "hours", "--quantity", "1.0001"),
         "--quantity: '1.0001' has more than 3 decimals"),
        (("patronage", "import", "/nonexistent.csv"), "no such file"),
        (("patronage", "allocate", *DRAFT, "--date", "2026-01-01"), "--date goes with --post"),
        (("patronage", "allocate", "--year", "2025", "--reserve", "10", "--cash", "120"),
         "cash: a percentage from 0 to 100"),
        (("patronage", "allocate", "--year", "2025", "--reserve", "ten", "--cash", "20"),
         "--reserve: 'ten' is not a percentage"),
        (("patronage", "allocate", *DRAFT, "--surplus", "lots"), "--surplus: 'lots' is not an amount"),
        (("patronage", "allocate", *DRAFT, "--non-member", "20000"), "non-member part: from zero to the whole"),
        (("patronage", "allocate", "--year", "2023", "--reserve", "10", "--cash", "20"),
         "there is no surplus to allocate"),
        (("patronage", "allocate", *DRAFT, "--post", "--date", "2025-12-31"), "posted after its year ends"),
        (("patronage", "allocate", "--year", "0", "--reserve", "10", "--cash", "20"), "--year: 0 is not a year"),
        (("patronage", "pay-cash", "--year", "2025"), "no allocation of the year from 2025-01-01"),
        (("patronage", "share", "--member", "9", "--amount", "10", "--date", "2025-01-01"),
         "no member with number '9'"),
        (("patronage", "share", "--member", "1", "--amount", "-10", "--date", "2025-01-01"),
         "amount: more than zero"),
        (("patronage", "redeem", "--amount", "10"), "more than the 0.00 USD of retained patronage"),
        (("patronage", "leave-payable", "--member", "1", "--installments", "3", "--first-due", "2026-12-31"),
         "record their leaving first"),
        (("patronage", "leave-payable", "--member", "1", "--installments", "three", "--first-due", "2026-12-31"),
         "--installments: 'three' is not a whole number"),
        (("report", "allocation", "--year", "2025"), "no allocation of the year from 2025-01-01"),
        (("report", "member-capital", "99"), "no member with number '99'"),
    ):
        err = refused(capsys, *book, *argv)
        assert message in err and err.count("\n") == 1, (argv, err)
    assert file_digest(Path(book[1])) == before
    with pytest.raises(SystemExit):
        run(capsys, *book, "patronage", "allocate", "--year", "2025", "--cash", "20")
    assert "--reserve" in capsys.readouterr().err


def test_a_book_in_euros_gets_the_1099_warning_and_reads_its_locale(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "eg.coopdesk"
    ok(capsys, "init", str(path), "--name", "Fahrrad eG", "--currency", "EUR", "--locale", "de_DE",
       "--fiscal-year-start", "7")
    book = ("--book", str(path))
    ok(capsys, *book, "members", "add", "Ada", "--joined", "2024-01-01")
    ok(capsys, *book, "patronage", "measures", "add", "km", "Kilometres", "--unit", "km")
    assert ok(capsys, *book, "patronage", "add", "--member", "1", "--date", "2025-08-01", "--measure", "km",
              "--quantity", "1.234,5") == "Recorded 1.234,5 km for member 1 on 2025-08-01\n"
    err = refused(capsys, *book, "patronage", "allocate", "--year", "2025", "--reserve", "7,5", "--cash", "20")
    assert "there is no surplus to allocate (0.00 EUR)" in err  # the fiscal year from July 2025
    code, out, err = run(capsys, *book, "report", "1099-patr", "--year", "2025")
    assert code == 0 and out == "(nothing to show)\n" and "form 1099-PATR is for US co-ops" in err
