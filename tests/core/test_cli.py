"""The command line: every command, its formats, and its errors as one clear line."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coopdesk.check import CHECKS
from coopdesk.cli.main import main
from coopdesk.cli.output import neutralise_formula
from coopdesk.db.triggers import TRIGGERS
from tests.core.helpers import file_digest

ENTRIES = [
    {"date": "2026-03-31", "memo": "Hall rent", "postings": [
        {"account": "5000", "amount": "120.00"}, {"account": "1010", "amount": "-120.00"}]},
    {"date": "2026-04-02", "memo": "=HYPERLINK(\"x\")", "kind": "manual", "postings": [
        {"account": "1000", "amount": "50"}, {"account": "4900", "amount": "-50"}]},
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_book(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.coopdesk"
    code, out, _ = run(capsys, "init", str(path), "--name", "Bike Co-op", "--currency", "eur",
                       "--locale", "fr_FR", "--fiscal-year-start", "7")
    assert code == 0 and "Bike Co-op" in out
    entries = tmp_path / "entries.json"
    entries.write_text(json.dumps(ENTRIES))
    code, out, _ = run(capsys, "--book", str(path), "entries", "post", str(entries))
    assert (code, out.split()) == (0, ["1", "2"])
    return path


def test_init_makes_a_private_book(cli_book: Path) -> None:
    assert stat.S_IMODE(cli_book.stat().st_mode) == 0o600


def test_trial_balance_in_three_formats(cli_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--book", str(cli_book), "report", "trial-balance", "--format", "json")
    assert code == 0
    rows = {row["code"]: row for row in json.loads(out)}
    assert rows["5000"] == {"code": "5000", "name": "Operating expenses", "type": "expense",
                            "debit": "120.00", "credit": "0.00"}
    assert rows["4900"]["credit"] == "50.00"

    code, out, _ = run(capsys, "--book", str(cli_book), "report", "trial-balance", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert {r["code"]: r["credit"] for r in table}["1010"] == "120.00"

    code, out, _ = run(capsys, "--book", str(cli_book), "report", "trial-balance")
    line = next(l for l in out.splitlines() if l.startswith("5000"))
    assert "120,00" in line  # the book's locale (fr_FR) in the table


def test_csv_neutralises_formulas_but_not_numbers(cli_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--book", str(cli_book), "report", "register", "--account", "1010",
                       "--format", "csv")
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["amount"] == "-120.00"  # a negative number stays a number
    code, out, _ = run(capsys, "--book", str(cli_book), "report", "register", "--account", "1000",
                       "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["memo"] == "'=HYPERLINK(\"x\")"
    assert neutralise_formula("@SUM(A1)") == "'@SUM(A1)" and neutralise_formula("Rent") == "Rent"


def test_balances_by_account_as_of_a_date(cli_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--book", str(cli_book), "report", "balances", "--as-of", "2026-04-01",
                       "--format", "json")
    rows = {row["code"]: row["balance"] for row in json.loads(out)}
    assert rows["5000"] == "120.00" and rows["1000"] == "0.00"


def test_reverse_close_and_check(cli_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--book", str(cli_book), "entries", "reverse", "1", "--date", "2026-04-03")[1].strip() == "3"
    code, _, err = run(capsys, "--book", str(cli_book), "entries", "reverse", "1")
    assert code == 1 and err == "coopdesk: entry 1 was already reversed by entry 3\n"
    assert run(capsys, "--book", str(cli_book), "period", "close", "--through", "2026-04-30")[0] == 0
    code, out, _ = run(capsys, "--book", str(cli_book), "check")
    assert code == 0 and "FAIL" not in out and out.count("ok ") == len(CHECKS)


def test_accounts_list_json(cli_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--book", str(cli_book), "accounts", "list", "--format", "json")
    accounts = json.loads(out)
    assert {"code": "1100", "name": "Dues receivable", "type": "asset", "parent_code": None,
            "is_open": True, "member_ledger": True, "fund_ledger": False} in accounts


def test_backup_command(cli_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "handover.coopdesk"
    code, out, _ = run(capsys, "--book", str(cli_book), "backup", str(out_file))
    assert code == 0 and out_file.exists()
    code, out, _ = run(capsys, "--book", str(out_file), "report", "trial-balance", "--format", "json")
    assert "120.00" in out


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON (line 1, column 2"),
    ('{"date": "2026-02-30", "postings": [{"account": "5000", "amount": "1"}, {"account": "1010", "amount": "-1"}]}',
     "'2026-02-30' is not a date"),
    ('{"date": "2026-02-03", "postings": [{"account": "5000", "amount": 1.5}]}', "written as a float"),
    ('{"date": "2026-02-03", "postings": [{"account": "5000", "amount": "1.005"}, {"account": "1010", "amount": "-1.005"}]}',
     "has more decimals than EUR allows"),
    ('{"date": "2026-02-03", "postings": [{"account": "5000", "amount": "1"}, {"account": "1010", "amount": "-2"}]}',
     "do not balance"),
    ('{"date": "2026-02-03", "postings": [{"account": "7777", "amount": "1"}, {"account": "1010", "amount": "-1"}]}',
     "no account with code '7777'"),
])
def test_bad_entries_files_are_refused_whole(cli_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             content: str, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    before = file_digest(cli_book)
    code, out, err = run(capsys, "--book", str(cli_book), "entries", "post", str(bad))
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1 and err.startswith("coopdesk: ")
    assert file_digest(cli_book) == before


def _subprocess(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coopdesk.cli.main", *argv], capture_output=True, text=True)


def test_a_foreign_file_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a book")
    result = _subprocess("--book", str(foreign), "check")
    assert result.returncode == 2
    assert result.stderr == f"coopdesk: {foreign}: not a coopdesk book (not an SQLite database)\n"
    assert "Traceback" not in result.stdout + result.stderr


def test_a_bad_date_argument_is_one_clear_line(cli_book: Path) -> None:
    result = _subprocess("--book", str(cli_book), "report", "balances", "--as-of", "31/03/2026")
    assert result.returncode == 2
    assert "'31/03/2026' is not a date (write YYYY-MM-DD)" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_refuses_a_book_whose_safeguards_were_removed(cli_book: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    raw = sqlite3.connect(cli_book)
    raw.execute("DROP TRIGGER coopdesk_entries_no_update")
    raw.commit()
    raw.close()
    code, _, err = run(capsys, "--book", str(cli_book), "check")
    assert code == 2 and "'coopdesk_entries_no_update' is missing" in err


def test_check_exits_1_when_an_edit_was_hidden_behind_restored_safeguards(
        cli_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = sqlite3.connect(cli_book)
    raw.execute("DROP TRIGGER coopdesk_entries_no_update")
    raw.execute("UPDATE journal_entries SET memo = 'Hall rent (cheaper)' WHERE id = 1")
    raw.execute(TRIGGERS["coopdesk_entries_no_update"])
    raw.commit()
    raw.close()
    code, out, err = run(capsys, "--book", str(cli_book), "check")
    assert code == 1
    assert "FAIL audit chain: the audit chain is broken at entry 1" in out
    assert err == "1 problem(s) found\n"


def test_no_command_without_the_gui_prints_how_to_get_it(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coopdesk.cli.commands.gui_available", lambda: False)
    code, out, _ = run(capsys)
    assert code == 0
    assert "pip install 'coopdesk[gui]'" in out and "usage: coopdesk" in out


def test_accounts_add_close_reopen(cli_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = ("--book", str(cli_book))
    assert run(capsys, *book, "accounts", "add", "5010", "Hall rent", "--type", "expense", "--parent", "5000")[0] == 0
    code, _, err = run(capsys, *book, "accounts", "add", "5010", "", "--type", "income", "--parent", "5000")
    assert code == 1
    assert err == ("coopdesk: account refused: there is already an account with code '5010'; "
                   "an account needs a name; the parent 5000 is of type expense; "
                   "an account of type income cannot sit under it\n")
    code, _, err = run(capsys, *book, "accounts", "close", "5000")
    assert code == 1 and "still has a balance" in err
    assert run(capsys, *book, "accounts", "close", "5010")[0] == 0
    post_to_closed = json.dumps({"date": "2026-05-01", "postings": [
        {"account": "5010", "amount": "1"}, {"account": "1000", "amount": "-1"}]})
    code, _, err = run(capsys, *book, "entries", "post", _write(cli_book.parent, post_to_closed))
    assert code == 1 and "account 5010 is closed" in err
    assert run(capsys, *book, "accounts", "reopen", "5010")[0] == 0
    assert run(capsys, *book, "entries", "post", _write(cli_book.parent, post_to_closed))[0] == 0
    code, out, _ = run(capsys, *book, "accounts", "list", "--format", "json")
    assert {"code": "5010", "name": "Hall rent", "type": "expense", "parent_code": "5000", "is_open": True,
            "member_ledger": False, "fund_ledger": False} in json.loads(out)


def _write(folder: Path, text: str) -> str:
    path = folder / "entry.json"
    path.write_text(text)
    return str(path)


def test_entries_list_and_show(cli_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = ("--book", str(cli_book))
    run(capsys, *book, "entries", "reverse", "1", "--date", "2026-04-05")
    code, out, _ = run(capsys, *book, "entries", "list", "--from", "2026-04-01", "--format", "json")
    lines = json.loads(out)
    assert [(l["entry_id"], l["line_no"], l["account_code"], l["amount"]) for l in lines] == [
        (2, 1, "1000", "50.00"), (2, 2, "4900", "-50.00"), (3, 1, "5000", "-120.00"), (3, 2, "1010", "120.00")]
    assert lines[2]["reverses"] == 1
    code, out, _ = run(capsys, *book, "entries", "show", "1", "--format", "json")
    assert {l["reversed_by"] for l in json.loads(out)} == {3}
    code, out, _ = run(capsys, *book, "entries", "list", "--to", "2026-03-31")
    assert code == 0 and "Hall rent" in out and "Donation" not in out
    code, _, err = run(capsys, *book, "entries", "show", "42")
    assert code == 1 and err == "coopdesk: no journal entry 42\n"
    code, _, err = run(capsys, *book, "entries", "list", "--from", "2026-05-01", "--to", "2026-04-01")
    assert code == 1 and "is after --to" in err
