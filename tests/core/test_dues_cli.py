"""Dues on the command line: plans, runs, payments, reversals, write-offs and the reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.test_cli import run


@pytest.fixture
def dues_book(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    path = tmp_path / "dues.coopdesk"
    assert run(capsys, "init", str(path), "--name", "Bike Co-op", "--currency", "EUR", "--locale", "de_DE")[0] == 0
    book = ("--book", str(path))
    for argv in (
        ("members", "add", "Ada Okafor", "--joined", "2026-01-15"),
        ("members", "add", "Sam Okafor", "--joined", "2026-01-01", "--payer", "1"),
        ("plans", "add", "Monatlich", "--amount", "1,00", "--frequency", "monthly", "--proration", "by_day"),
        ("plans", "add", "Jährlich", "--amount", "12", "--frequency", "yearly"),
        ("plans", "assign", "1", "Monatlich", "--from", "2026-01-15"),
        ("plans", "assign", "2", "Jährlich", "--from", "2026-01-01", "--amount", "6,00", "--reason", "Student"),
    ):
        code, _, err = run(capsys, *book, *argv)
        assert code == 0, (argv, err)
    return book


def test_dry_run_then_run_then_nothing_left(dues_book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *dues_book, "dues", "run", "--through", "2026-03", "--dry-run", "--format", "json")
    planned = [(r["member_number"], r["period_key"], r["amount"], r["prorated"]) for r in json.loads(out)]
    assert planned == [("1", "2026-01", "0.55", True), ("1", "2026-02", "1.00", False),
                       ("1", "2026-03", "1.00", False), ("2", "2026", "6.00", False)]
    code, out, _ = run(capsys, *dues_book, "dues", "run", "--through", "2026-03")
    assert out == "Charged 4 period(s) to 2 member(s), 8,55\u00a0€ in all\n"
    code, out, _ = run(capsys, *dues_book, "dues", "run", "--through", "2026-03")
    assert "every period is charged already" in out


def test_payments_reverse_write_off_and_reports(dues_book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, *dues_book, "dues", "run", "--through", "2026-03")
    assert run(capsys, *dues_book, "payments", "add", "2", "6,00", "--date", "2026-02-01", "--payer", "1")[1] \
        == "Recorded payment 1\n"
    assert run(capsys, *dues_book, "payments", "add", "1", "1.234,50", "--date", "2026-02-02")[0] == 0
    code, out, _ = run(capsys, *dues_book, "charges", "open", "1", "--format", "json")
    assert json.loads(out) == []  # paid far ahead
    assert run(capsys, *dues_book, "payments", "reverse", "2", "--date", "2026-02-03")[0] == 0
    code, out, _ = run(capsys, *dues_book, "charges", "open", "1", "--format", "json")
    open_charges = json.loads(out)
    assert [c["period_key"] for c in open_charges] == ["2026-01", "2026-02", "2026-03"]
    assert run(capsys, *dues_book, "charges", "write-off", str(open_charges[0]["charge_id"]),
               "--reason", "Joined mid-month, waived by the board", "--date", "2026-03-05")[0] == 0
    code, out, _ = run(capsys, *dues_book, "report", "arrears", "--as-of", "2026-03-31", "--format", "json")
    assert [(r["member_number"], r["months"], r["amount"], r["oldest_period"]) for r in json.loads(out)] == [
        ("1", 2, "2.00", "2026-02")]
    code, out, _ = run(capsys, *dues_book, "report", "member-account", "1", "--format", "json")
    lines = json.loads(out)
    assert lines[-1]["balance"] == "2.00"
    assert [l["kind"] for l in lines] == ["dues", "dues", "payment", "reversal", "dues", "write_off"]
    code, out, _ = run(capsys, *dues_book, "report", "dues-summary", "--year", "2026", "--format", "json")
    months = {r["month"]: r for r in json.loads(out)}
    assert months["2026-01"] == {"month": "2026-01", "charged": "6.55", "collected": "6.00",
                                 "written_off": "0.55", "outstanding": "0.00", "rate": "91.6"}
    code, out, _ = run(capsys, *dues_book, "payments", "list", "--format", "json")
    assert [(p["payment_id"], p["payer_number"], p["reversed"]) for p in json.loads(out)] == [
        (1, "1", False), (2, None, True)]
    code, out, _ = run(capsys, *dues_book, "check")
    assert code == 0, out


def test_dues_errors_are_one_line(dues_book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *dues_book, "payments", "add", "1", "zwölf", "--date", "2026-02-02")
    assert code == 1 and err.startswith("coopdesk: amount: ") and err.count("\n") == 1
    code, _, err = run(capsys, *dues_book, "plans", "assign", "1", "Gold", "--from", "2026-01-01")
    assert code == 1 and err == "coopdesk: no dues plan 'Gold' (the plans are Jährlich, Monatlich)\n"
    code, _, err = run(capsys, *dues_book, "plans", "assign", "1", "Jährlich", "--from", "2026-06-01")
    assert code == 1 and "already on a plan then" in err
    with pytest.raises(SystemExit):
        run(capsys, *dues_book, "dues", "run", "--through", "2026-13")
    assert "is not a month (write YYYY-MM)" in capsys.readouterr().err
