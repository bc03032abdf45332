"""Risk funds on the command line: a fund added, contributions charged by the dues run, claims
checked, approved (with and without overrides), denied and paid, the reports (equal to the
queries' figures), the year-end refunds, and every mistake a user can make as one clear line."""

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

import pytest

from coopdesk import clock, paths
from coopdesk.book import Book
from coopdesk.cli.main import main
from coopdesk.funds.outlook import fund_outlook
from coopdesk.funds.queries import fund_details, fund_statement, member_fund_totals
from coopdesk.funds.refunds import preview_refunds
from coopdesk.money import Money
from tests.core.helpers import file_digest
from tests.core.test_cli import run

JUNE = "2026-06-01"


def _quiet(*argv: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    assert code == 0, (argv, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def base_book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Two workers and a supporter (de_DE, EUR) on one euro a month, and the fund SICK of
    10 € a month for workers, charged January to June: 120 € in the fund. Made once, copied."""
    folder = tmp_path_factory.mktemp("funds-cli")
    path = folder / "base.coopdesk"
    with pytest.MonkeyPatch.context() as patch:  # the autouse private data folder is per test
        patch.setattr(paths, "data_folder", lambda: folder / "user-data")
        _quiet("init", str(path), "--name", "Fahrrad eG", "--currency", "EUR", "--locale", "de_DE")
        book = ("--book", str(path))
        for argv in (
            ("members", "add", "Ada Okafor", "--joined", "2026-01-01", "--class", "worker"),
            ("members", "add", "Sam Moreau", "--joined", "2026-01-01", "--class", "worker"),
            ("members", "add", "Lee Park", "--joined", "2026-01-01", "--class", "supporter"),
            ("plans", "add", "Monatlich", "--amount", "1,00", "--frequency", "monthly"),
            ("funds", "add", "sick", "Sick pay", "--monthly", "10,00", "--from", "2026-01-01",
             "--classes", "worker", "--waiting-months", "2", "--max-per-claim", "50",
             "--cap-months", "3", "--notes", "Agreed at the AGM"),
            ("dues", "run", "--through", "2026-06"),
        ):
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


def eur(text: str) -> Money:
    return Money(text, "EUR")


def test_funds_are_listed_and_shown_in_the_books_locale(book: tuple[str, str],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    [fund] = json.loads(ok(capsys, *book, "funds", "list", "--format", "json"))
    assert fund == {"code": "SICK", "name": "Sick pay", "account": "2400",
                    "contribution": "10,00\u00a0€ a month", "kind": "fixed", "monthly": "10.00",
                    "share_percent": None, "classes": "worker", "members": 2, "balance": "120.00",
                    "open_claims": 0}
    [row] = list(csv.DictReader(io.StringIO(ok(capsys, *book, "funds", "list", "--format", "csv"))))
    assert (row["code"], row["balance"], row["members"]) == ("SICK", "120.00", "2")
    table = ok(capsys, *book, "funds", "list", "--date", "2026-03-31")
    assert "SICK" in table and "10,00\u00a0€ a month" in table and "60,00" in table
    shown = ok(capsys, *book, "funds", "show", "sick", "--date", "2026-03-31")
    for text in ("Fund SICK: Sick pay (account 2400)", "10,00\u00a0€ a month, charged by the dues run",
                 "members of worker (2 taking part on 2026-03-31)", "Balance on 2026-03-31: 60,00\u00a0€",
                 "Waiting period: 2 month(s)", "Most a claim pays (each month, for a monthly claim): 50,00\u00a0€",
                 "Most one member is paid in a year: no limit", "3 month(s) of contributions",
                 "Notes: Agreed at the AGM", "Open claims: 0"):
        assert text in shown, text


def test_set_replaces_and_clears_limits_and_a_share_fund(book: tuple[str, str],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert ok(capsys, *book, "funds", "set", "SICK", "--name", "Sick pay fund", "--max-per-claim", "none",
              "--max-months", "6", "--floor", "25,50", "--monthly", "12") == "Changed fund SICK (Sick pay fund)\n"
    out = ok(capsys, *book, "funds", "add", "emer", "Emergency", "--share", "7,5", "--from", "2026-02-01")
    assert out.startswith("Added fund EMER (Emergency) on account 2401: 7,5% of payments")
    with Book.open(Path(book[1]), read_only=True) as b:
        sick, emer = b.read(fund_details, "SICK"), b.read(fund_details, "EMER")
    assert (sick.name, sick.contribution) == ("Sick pay fund", eur("12.00"))
    assert (sick.policy.waiting_months, sick.policy.max_per_claim, sick.policy.max_months,
            sick.policy.floor, sick.policy.balance_cap_months) == (2, None, 6, eur("25.50"), 3)
    assert (emer.share_percent, emer.classes, emer.members_taking_part) == (Decimal("7.5"), (), 3)
    assert "Cap on a member's share: none" not in ok(capsys, *book, "funds", "show", "SICK")
    ok(capsys, *book, "funds", "set", "SICK", "--cap-months", "none", "--classes", "all")
    assert "has no cap on members' shares" in ok(capsys, *book, "funds", "refunds", "SICK", "--year-end",
                                                  "2026-12-31")
    with Book.open(Path(book[1]), read_only=True) as b:
        sick = b.read(fund_details, "SICK")
    assert (sick.policy.balance_cap_months, sick.classes, sick.members_taking_part) == (None, (), 3)


def test_the_claims_story(book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    # Claim 1: in the waiting period (it ends on 1 March) and above the maximum per claim.
    out = ok(capsys, *book, "claims", "add", "--fund", "sick", "--member", "1", "--event", "2026-02-10",
             "--amount", "60", "--description", "Broken wrist", "--date", JUNE)
    assert out.splitlines()[:4] == [
        "Added claim 1: member 1 Ada Okafor on SICK, 60,00\u00a0€ once",
        f"Policy check on {JUNE}: 2 breach(es) of the fund's rules",
        "  waiting_period: the event on 2026-02-10 falls in the waiting period of 2 month(s), "
        "which ends on 2026-03-01",
        "  max_per_claim: 60.00 EUR asked for, more than the maximum of 50.00 EUR per claim"]
    out = ok(capsys, *book, "claims", "check", "1", "--amount", "50", "--date", JUNE)
    assert [line.split(":")[0].strip() for line in out.splitlines()[1:-1]] == ["waiting_period"]
    assert '--override waiting_period="REASON"' in out.splitlines()[-1]

    before = file_digest(Path(book[1]))
    err = refused(capsys, *book, "claims", "approve", "1", "--by", "Board", "--date", JUNE)
    assert err.splitlines()[0] == "coopdesk: claim 1 not approved, nothing changed: it goes beyond the fund's rules"
    assert [line.split(":")[0].strip() for line in err.splitlines()[1:3]] == ["waiting_period", "max_per_claim"]
    assert err.splitlines()[-1].endswith('--override waiting_period="REASON" --override max_per_claim="REASON"')
    err = refused(capsys, *book, "claims", "approve", "1", "--by", "Board", "--date", JUNE,
                  "--override", "waiting_period=Board, 28 May")
    assert "max_per_claim" in err and "waiting_period:" not in err
    assert file_digest(Path(book[1])) == before

    out = ok(capsys, *book, "claims", "approve", "1", "--by", "Board", "--date", JUNE, "--amount", "50",
             "--reason", "the most a claim pays", "--override", "waiting_period=Board, 28 May")
    assert out == (f"Claim 1 partly approved: 50,00\u00a0€ once, decided by Board on {JUNE}\n"
                   "  override of waiting_period recorded: Board, 28 May\n")

    # Claim 2: within the policy, monthly; claim 3: denied.
    out = ok(capsys, *book, "claims", "add", "--fund", "SICK", "--member", "2", "--event", "2026-05-15",
             "--amount", "20", "--months", "3", "--description", "Flu", "--date", JUNE)
    assert "20,00\u00a0€ a month for 3 months (60,00\u00a0€ in all)" in out
    assert out.splitlines()[1] == f"Policy check on {JUNE}: within the policy"
    assert ok(capsys, *book, "claims", "approve", "2", "--by", "Treasurer", "--date", JUNE).startswith(
        "Claim 2 approved: 20,00\u00a0€ a month for 3 months")
    ok(capsys, *book, "claims", "add", "--fund", "SICK", "--member", "2", "--event", "2026-05-20",
       "--amount", "5", "--description", "Bike", "--date", JUNE)
    assert ok(capsys, *book, "claims", "deny", "3", "--by", "Board", "--reason", "not covered",
              "--date", JUNE) == "Claim 3 denied, decided by Board\n"
    assert "already decided (denied)" in refused(capsys, *book, "claims", "deny", "3", "--by", "Board",
                                                 "--reason", "again")

    # Paying: what is due, never twice.
    assert ok(capsys, *book, "claims", "pay", "1", "--date", "2026-06-02") == (
        "Paid 1 payment(s) on 1 claim(s), 50,00\u00a0€ in all, by bank transfer on 2026-06-02\n")
    assert "claim 1 is paid: only an approved claim is paid" in refused(
        capsys, *book, "claims", "pay", "1", "--date", "2026-06-03")
    assert ok(capsys, *book, "claims", "pay", "--all", "--fund", "sick", "--date", "2026-06-20",
              "--method", "cash").startswith("Paid 2 payment(s) on 1 claim(s), 40,00\u00a0€ in all, by cash")
    assert ok(capsys, *book, "claims", "pay", "--all", "--date", "2026-06-30").startswith("Nothing to pay")

    claims = json.loads(ok(capsys, *book, "claims", "list", "--format", "json"))
    assert [(c["id"], c["status"], c["paid"], c["to_pay"]) for c in claims] == [
        (3, "denied", "0.00", "0.00"), (2, "approved", "40.00", "20.00"), (1, "paid", "50.00", "0.00")]
    assert claims[2]["overrides"] == "waiting_period: Board, 28 May"
    rows = list(csv.DictReader(io.StringIO(ok(capsys, *book, "claims", "list", "--status", "open",
                                              "--format", "csv"))))
    assert [(r["id"], r["member"], r["to_pay"]) for r in rows] == [("2", "2", "20.00")]
    assert json.loads(ok(capsys, *book, "claims", "list", "--member", "1", "--status", "denied",
                         "--format", "json")) == []
    register = json.loads(ok(capsys, *book, "report", "claims", "--fund", "SICK", "--status", "denied",
                             "paid", "--format", "json"))
    assert [c["id"] for c in register] == [3, 1]
    shown = ok(capsys, *book, "claims", "show", "1")
    for text in ("status: paid", "asked for: 60,00\u00a0€ once", "granted: 50,00\u00a0€ once",
                 "reason: the most a claim pays", "paid: 50,00\u00a0€", "still to pay: 0,00\u00a0€",
                 "waiting_period: the event on 2026-02-10", "reason: Board, 28 May"):
        assert text in shown, text

    # The reports are the queries' figures.
    statement = json.loads(ok(capsys, *book, "report", "fund-statement", "SICK", "--from", "2026-01-01",
                              "--to", "2026-06-30", "--format", "json"))
    members = json.loads(ok(capsys, *book, "report", "fund-members", "SICK", "--format", "json"))
    table = ok(capsys, *book, "report", "fund-statement", "SICK", "--from", "2026-01-01", "--to", "2026-06-30")
    with Book.open(Path(book[1]), read_only=True) as b:
        expected = b.read(fund_statement, "SICK", dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        totals = b.read(member_fund_totals, "SICK")
    assert statement == [{"code": "SICK", "name": "Sick pay", "date_from": "2026-01-01", "date_to": "2026-06-30",
                          **{name: str(getattr(expected, name).amount) for name in (
                              "opening", "contributions", "payouts", "refunds", "other", "closing")}}]
    assert (expected.contributions, expected.payouts, expected.closing) == (eur("120"), eur("90"), eur("30"))
    assert [(m["member_number"], m["contributions"], m["payouts"]) for m in members] == [
        (t.member_number, str(t.contributions.amount), str(t.payouts.amount)) for t in totals]
    assert "- claims paid out" in table and "90,00" in table and "Closing balance" in table
    code, out, _ = run(capsys, *book, "check")
    assert code == 0, out


def test_year_end_refunds_preview_then_post_once(book: tuple[str, str], capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # Posted once the year is over (the core refuses a year end still to come).
    monkeypatch.setattr(clock, "_now", lambda: dt.datetime(2027, 1, 15, 12, tzinfo=dt.timezone.utc))
    ok(capsys, *book, "dues", "run", "--through", "2026-12")
    preview = json.loads(ok(capsys, *book, "funds", "refunds", "SICK", "--year-end", "2026-12-31",
                            "--format", "json"))
    with Book.open(Path(book[1]), read_only=True) as b:
        plan = b.read(preview_refunds, "SICK", dt.date(2026, 12, 31))
    assert [(r["member_number"], r["share"], r["cap"], r["refund"]) for r in preview] == [
        (r.member_number, str(r.share.amount), str(r.cap.amount), str(r.refund.amount)) for r in plan.rows]
    assert [r["refund"] for r in preview] == ["90.00", "90.00"]  # 120 € each, 30 € kept
    table = ok(capsys, *book, "funds", "refunds", "SICK", "--year-end", "2026-12-31")
    assert "2 member(s) to refund, 180,00\u00a0€ in all" in table and "nothing posted" in table
    assert ok(capsys, *book, "funds", "refunds", "SICK", "--year-end", "2026-12-31", "--post") == (
        "Refunded 2 member(s), 180,00\u00a0€ in all (year ending 2026-12-31, by bank transfer)\n")
    assert "already posted" in refused(capsys, *book, "funds", "refunds", "SICK", "--year-end",
                                       "2026-12-31", "--post")
    statement = json.loads(ok(capsys, *book, "report", "fund-statement", "SICK", "--from", "2026-01-01",
                              "--to", "2026-12-31", "--format", "json"))[0]
    assert (statement["refunds"], statement["closing"]) == ("180.00", "60.00")
    code, out, _ = run(capsys, *book, "check")
    assert code == 0, out


def test_the_solvency_outlook(book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    [line] = json.loads(ok(capsys, *book, "report", "solvency", "SICK", "--date", "2026-06-30",
                           "--format", "json"))
    with Book.open(Path(book[1]), read_only=True) as b:
        outlook = b.read(fund_outlook, "SICK", dt.date(2026, 6, 30))
    p12 = outlook.p_above_floor_12 * 100
    assert line["percent_above_floor_12_months"] == str(
        (Decimal(p12.numerator) / Decimal(p12.denominator)).quantize(Decimal("0.1")))
    assert (line["fund"], line["balance"], line["months_lasting"]) == ("SICK", "120.00", outlook.months_lasting)
    table = ok(capsys, *book, "report", "solvency", "SICK", "--date", "2026-06-30")
    assert "Chance it stays above its floor for 12 months: " in table and "%" in table
    assert "Solvency outlook:" in ok(capsys, *book, "funds", "show", "SICK")


def test_mistakes_are_one_clear_line_and_change_nothing(book: tuple[str, str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, *book, "claims", "add", "--fund", "SICK", "--member", "1", "--event", "2026-04-01",
       "--amount", "10", "--description", "Flu", "--date", JUNE)
    before = file_digest(Path(book[1]))
    for argv, message in (
        (("funds", "show", "NOPE"), "no fund with code 'NOPE' (funds: SICK)"),
        (("claims", "list", "--fund", "NOPE"), "no fund with code 'NOPE'"),
        (("claims", "list", "--member", "99"), "no member with number '99'"),
        (("claims", "show", "99"), "no claim 99"),
        (("claims", "approve", "99", "--by", "Board"), "no claim 99"),
        (("claims", "pay", "99"), "no claim 99"),
        (("claims", "pay", "1"), "only an approved claim is paid"),
        (("claims", "pay"), "a claim's ID, or --all"),
        (("claims", "pay", "1", "--all"), "a claim's ID, or --all"),
        (("claims", "pay", "1", "--fund", "SICK"), "--fund goes with --all"),
        (("claims", "add", "--fund", "SICK", "--member", "9", "--event", "2026-04-01", "--amount", "10",
          "--description", " "), "member: no member with number '9'; description: say what happened"),
        (("claims", "add", "--fund", "SICK", "--member", "1", "--event", "2026-04-01", "--amount", "zehn",
          "--description", "x"), "--amount: 'zehn' is not an amount"),
        (("claims", "add", "--fund", "SICK", "--member", "1", "--event", "2026-04-01", "--amount", "10",
          "--months", "drei", "--description", "x"), "--months: 'drei' is not a whole number"),
        (("claims", "approve", "1", "--by", "Board", "--override", "waiting"), "write RULE=REASON"),
        (("claims", "approve", "1", "--by", "Board", "--override", "luck=yes"), "no rule 'luck'"),
        (("claims", "approve", "1", "--by", " ", "--date", JUNE), "decided by: say who decided"),
        (("claims", "approve", "1", "--by", "Board", "--amount", "11", "--date", JUNE), "at most the"),
        (("claims", "deny", "1", "--by", "Board", "--reason", " "), "reason: say why"),
        (("funds", "add", "SICK", "Again", "--monthly", "5", "--from", "2026-01-01"), "already a fund SICK"),
        (("funds", "add", "X", "Y", "--share", "viel", "--from", "2026-01-01"), "not a percentage"),
        (("funds", "add", "X", "Y", "--monthly", "5", "--from", "2026-01-01", "--classes", "elves"),
         "no member class elves"),
        (("funds", "set", "SICK"), "nothing to change"),
        (("funds", "set", "SICK", "--share", "5"), "this fund takes a fixed contribution"),
        (("funds", "set", "SICK", "--max-months", "0"), "maximum duration: from 1 to 120 months"),
        (("funds", "set", "SICK", "--floor", "-1"), "floor: must be more than zero"),
        (("report", "fund-statement", "SICK", "--from", "2026-06-01", "--to", "2026-01-01"),
         "--from is after --to"),
    ):
        err = refused(capsys, *book, *argv)
        assert message in err and err.count("\n") == 1, (argv, err)
    assert file_digest(Path(book[1])) == before
    with pytest.raises(SystemExit):
        run(capsys, *book, "claims", "add", "--fund", "SICK", "--member", "1", "--event", "2026-13-01",
            "--amount", "10", "--description", "x")
    assert "is not a date (write YYYY-MM-DD)" in capsys.readouterr().err
