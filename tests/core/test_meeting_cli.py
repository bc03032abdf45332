"""Meetings on the command line: a meeting added, who may vote (and why each other member may
not), attendance at the door with proxies, the quorum worksheet as it fills, the pack and the annual
report's figures, all equal to the core's queries on the same
book; and every mistake a user can make as one clear line that changes nothing."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coopdesk import paths
from coopdesk.book import Book
from coopdesk.demo import build_demo
from coopdesk.dues.payments import record_payment
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.run import run_dues
from coopdesk.formatting import Formatter
from coopdesk.meetings.annual_report import AnnualReport, annual_report
from coopdesk.meetings import pack
from coopdesk.meetings.eligibility import REASONS, voter_list
from coopdesk.meetings.queries import list_meetings, meeting_state
from coopdesk.members.service import add_member, record_leaving
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk.settings import load_settings, update_settings
from tests.core.helpers import file_digest
from tests.core.test_cli import run

RECORD = dt.date(2026, 3, 31)


def eur(text: str) -> Money:
    return Money(text, "EUR")


@pytest.fixture(scope="module")
def base_book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The members of tests/core/test_meetings.py in a German book (EUR, de_DE): dues of 1 € a
    month from January 2026, no grace. On the record date (31 March) Ada (1) and Gus (7) may
    vote; Ben (2) paid a day late, Cy (3) is a supporter, Dee (4) joins in April, Eve (5) left on
    the record date, Fay (6) never paid. Made once, copied for each test."""
    folder = tmp_path_factory.mktemp("meeting-cli")
    path = folder / "base.coopdesk"
    with pytest.MonkeyPatch.context() as patch:  # the autouse private data folder is per test
        patch.setattr(paths, "data_folder", lambda: folder / "user-data")
        with Book.create(path, name="Fahrrad eG", currency="EUR", locale="de_DE") as book:
            book.run(update_settings, dataclasses.replace(book.read(load_settings), grace_months=0))
            book.run(add_plan, "Monatlich", eur("1.00"), "monthly")
            for number, name, klass, joined in (
                    ("1", "Ada Paid", "worker", dt.date(2026, 1, 1)),
                    ("2", "Ben Late", "consumer", dt.date(2026, 1, 1)),
                    ("3", "Cy Supporter", "supporter", dt.date(2026, 1, 1)),
                    ("4", "Dee New", "consumer", dt.date(2026, 4, 1)),
                    ("5", "Eve Gone", "worker", dt.date(2026, 1, 1)),
                    ("6", "Fay Never", "worker", dt.date(2026, 1, 1)),
                    ("7", "Gus Proxy", "worker", dt.date(2026, 1, 1))):
                book.run(add_member, MemberInput(name, joined, number=number, class_code=klass))
                book.run(assign_plan, number, "Monatlich", joined)
            book.run(run_dues, 2026, 4)
            book.run(record_payment, "1", RECORD, eur("3.00"))
            book.run(record_payment, "2", dt.date(2026, 1, 2), eur("2.00"))
            book.run(record_payment, "2", RECORD + dt.timedelta(days=1), eur("1.00"))
            for number in "357":
                book.run(record_payment, number, dt.date(2026, 1, 5), eur("3.00"))
            book.run(record_leaving, "5", RECORD, "withdrew")
        yield path


@pytest.fixture
def book(base_book: Path, tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "coop.coopdesk"
    shutil.copy(base_book, path)
    return "--book", str(path)


@pytest.fixture
def meeting(book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> str:
    """The annual meeting of 20 April 2026: quorum 50 %, one proxy per member present."""
    out = ok(capsys, *book, "meeting", "add", "--date", "2026-04-20", "--record-date", RECORD.isoformat(),
             "--quorum-percent", "50", "--proxies", "--max-proxies", "1", "--notes", "Saal, 19 Uhr")
    return out.split(":")[0].removeprefix("Added meeting ")


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


def line_of(text: str, start: str) -> str:
    """The one line of `text` that starts with `start` (after indentation)."""
    [found] = [line for line in text.splitlines() if line.strip().startswith(start)]
    return found


def row_of(text: str, name: str) -> str:
    """The one line of `text` naming `name`."""
    [found] = [line for line in text.splitlines() if name in line]
    return found


def test_a_meeting_is_added_listed_and_shown_as_the_core_sees_it(book: tuple[str, str], meeting: str,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    state = read(book, meeting_state, int(meeting))
    assert meeting == str(state.meeting.id)
    out = ok(capsys, *book, "meeting", "add", "--kind", "special", "--date", "2026-05-01", "--record-date",
             "2026-04-30", "--quorum-percent", "12,5", "--quorum-number", "2", "--combine", "lesser",
             "--title", "The roof")
    special = read(book, meeting_state, int(out.split(":")[0].removeprefix("Added meeting ")))
    assert out == (f"Added meeting {special.meeting.id}: The roof on 2026-05-01, record date 2026-04-30; "
                   f"{special.worksheet.eligible} eligible voter(s), quorum {special.worksheet.needed} "
                   "(12,5% of the eligible voters or 2 members, whichever is lesser); proxies not allowed\n")

    listed = json.loads(ok(capsys, *book, "meeting", "list", "--format", "json"))
    rows = read(book, list_meetings)
    assert [(m["id"], m["date"], m["kind"], m["title"], m["record_date"], m["quorum_percent"],
             m["quorum_number"], m["combine"], m["proxies_allowed"], m["max_proxies"], m["notes"])
            for m in listed] == [
        (r.id, r.meeting_date.isoformat(), r.kind, r.title, r.record_date.isoformat(),
         None if r.quorum.percent is None else str(r.quorum.percent), r.quorum.number, r.quorum.combine.value,
         r.proxies_allowed, r.max_proxies, r.notes) for r in rows]
    assert [m["title"] for m in listed] == ["The roof", "Annual meeting 2026"]
    assert listed[1]["quorum"] == "50% of the eligible voters"
    assert listed[1]["proxies"] == "allowed, at most 1 per member"
    table = ok(capsys, *book, "meeting", "list")
    assert "Annual meeting 2026" in table and "whichever is lesser" in table
    [row] = [r for r in csv.DictReader(io.StringIO(ok(capsys, *book, "meeting", "list", "--format", "csv")))
             if r["id"] == meeting]
    assert (row["date"], row["record_date"], row["proxies_allowed"]) == ("2026-04-20", "2026-03-31", "True")

    shown = ok(capsys, *book, "meeting", "show", meeting)
    w = state.worksheet
    for text in (f"Meeting {meeting}: Annual meeting 2026 (annual)", "Date: 2026-04-20",
                 "Record date: 2026-03-31", "Quorum: 50% of the eligible voters",
                 "Proxies: allowed, at most 1 per member", "Notes: Saal, 19 Uhr",
                 f"Eligible voters: {w.eligible}\n", f"Quorum needed: {w.needed}\n", "Present: 0\n",
                 "By proxy: 0\n", "Total: 0\n", f"Reached: no ({w.needed} more needed)",
                 f"Members who may not vote: {len(state.excluded)}\n"):
        assert text in shown, text
    for code, count in Counter(v.reason for v in state.excluded).items():
        assert f"  {REASONS[code]}: {count}\n" in shown, code
    assert (w.eligible, len(state.excluded)) == (2, 5)


def test_who_may_vote_and_why_not(book: tuple[str, str], meeting: str,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    voters = read(book, voter_list, RECORD)
    code, out, err = run(capsys, *book, "meeting", "eligible", meeting, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["number"], r["name"], r["class_name"]) for r in rows] == [
        (v.number, v.name, v.class_name) for v in voters if v.eligible]
    assert [r["number"] for r in rows] == ["1", "7"]
    assert err == f"coopdesk: 2 of {len(voters)} member(s) may vote at meeting {meeting} (Annual meeting 2026), " \
                  "record date 2026-03-31\n"

    everyone = json.loads(ok(capsys, *book, "meeting", "eligible", meeting, "--all", "--format", "json"))
    assert [(r["number"], r["eligible"], r["reason"], r["why"], r["class_code"]) for r in everyone] == [
        (v.number, "yes" if v.eligible else "no", v.reason, v.why, v.class_code) for v in voters]
    by_number = {r["number"]: r for r in everyone}
    assert (by_number["2"]["reason"], by_number["5"]["why"]) == ("in_arrears", "left on 2026-03-31")

    table = ok(capsys, *book, "meeting", "eligible", meeting, "--all")
    assert "in arrears on the record date (1 months)" in row_of(table, "Ben Late")
    assert row_of(table, "Gus Proxy").split()[-1] == "yes"
    assert table.endswith(f"2 of {len(voters)} member(s) may vote at meeting {meeting} (Annual meeting 2026), "
                          "record date 2026-03-31\n")


def test_attendance_at_the_door_fills_the_worksheet(book: tuple[str, str], meeting: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert ok(capsys, *book, "meeting", "attend", meeting, "7") == (
        "Member 7 (Gus Proxy) is present\nQuorum: 1 present, 0 by proxy: 1 of the 1 needed; quorum reached\n")
    assert ok(capsys, *book, "meeting", "attend", meeting, "1", "--by", "7") == (
        "Member 1 (Ada Paid) is represented by the proxy of member 7 (Gus Proxy)\n"
        "Quorum: 1 present, 1 by proxy: 2 of the 1 needed; quorum reached\n")
    state = read(book, meeting_state, int(meeting))
    assert (state.worksheet.present, state.worksheet.by_proxy, state.worksheet.reached) == (1, 1, True)
    shown = ok(capsys, *book, "meeting", "show", meeting)
    assert "Present: 1\n" in shown and "By proxy: 1\n" in shown and "Total: 2\n" in shown
    assert "Reached: yes\n" in shown

    listed = json.loads(ok(capsys, *book, "meeting", "attendance", meeting, "--format", "json"))
    assert [(a["member_number"], a["proxy_holder_number"], a["recorded_at"]) for a in listed] == [
        (a.member_number, a.proxy_holder_number, a.recorded_at) for a in state.attendance]
    assert [a["how"] for a in listed] == ["by proxy of 7 Gus Proxy", "present"]
    table = ok(capsys, *book, "meeting", "attendance", meeting)
    assert "by proxy of 7 Gus Proxy" in row_of(table, "Ada Paid")
    assert table.endswith("Quorum: 1 present, 1 by proxy: 2 of the 1 needed; quorum reached\n")

    before = file_digest(Path(book[1]))
    for argv, message in (
            (("attend", meeting, "1"), "member 1 (Ada Paid) is already represented by a proxy"),
            (("attend", meeting, "2"), "member 2 (Ben Late) may not vote: in arrears on the record date"),
            (("attend", meeting, "3", "--by", "7"), "may not vote: member class without a vote"),
            (("attend", meeting, "99"), "no member with number '99'"),
            (("unattend", meeting, "7"), "member 7 holds 1 proxies: remove those first"),
            (("unattend", meeting, "6"), "member 6 is not recorded at this meeting"),
            (("attendance", "99"), "no meeting 99")):
        err = refused(capsys, *book, "meeting", *argv)
        assert message in err and err.count("\n") == 1, (argv, err)
    assert file_digest(Path(book[1])) == before

    assert ok(capsys, *book, "meeting", "unattend", meeting, "1") == (
        f"Member 1 (Ada Paid) is no longer recorded at meeting {meeting}\n"
        "Quorum: 1 present, 0 by proxy: 1 of the 1 needed; quorum reached\n")
    assert read(book, meeting_state, int(meeting)).worksheet.total == 1
    ok(capsys, *book, "meeting", "unattend", meeting, "7")
    assert ok(capsys, *book, "meeting", "attendance", meeting) == (
        "(nothing to show)\nQuorum: 0 present, 0 by proxy: 0 of the 1 needed, 1 more needed\n")
    assert json.loads(ok(capsys, *book, "meeting", "attendance", meeting, "--format", "json")) == []


def test_a_meeting_without_proxies_refuses_them(book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, *book, "meeting", "add", "--date", "2026-04-20", "--record-date", RECORD.isoformat(),
       "--quorum-number", "2", "--kind", "special")
    ok(capsys, *book, "meeting", "attend", "1", "7")
    assert "this meeting does not allow proxies" in refused(capsys, *book, "meeting", "attend", "1", "1",
                                                            "--by", "7")
    shown = ok(capsys, *book, "meeting", "show", "1")
    assert "Quorum: 2 members\n" in shown and "Proxies: not allowed" in shown
    assert "Reached: no (1 more needed)" in shown


def test_mistakes_are_one_clear_line_and_change_nothing(book: tuple[str, str], meeting: str,
                                                        capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    add = ("meeting", "add", "--date", "2026-04-20", "--record-date", "2026-03-31")
    before = file_digest(Path(book[1]))
    for argv, message in (
            (add, "give the quorum: --quorum-percent P, --quorum-number N, or both"),
            ((*add, "--quorum-percent", "10", "--combine", "lesser"),
             "--combine goes with both --quorum-percent and --quorum-number"),
            ((*add, "--quorum-number", "3", "--max-proxies", "2"), "--max-proxies goes with --proxies"),
            ((*add, "--quorum-percent", "viel"), "--quorum-percent: 'viel' is not a percentage"),
            ((*add, "--quorum-number", "drei"), "--quorum-number: 'drei' is not a whole number"),
            ((*add, "--quorum-number", "0"), "--quorum-number: at least 1"),
            ((*add, "--quorum-number", "2", "--proxies", "--max-proxies", "0"), "--max-proxies: at least 1"),
            ((*add, "--quorum-percent", "150"), "meeting refused: quorum percentage: above 0 and at most 100"),
            (("meeting", "add", "--date", "2026-03-01", "--record-date", "2026-03-31", "--quorum-number", "2"),
             "meeting refused: record date: on or before the meeting's date"),
            (("meeting", "show", "99"), "no meeting 99"),
            (("meeting", "eligible", "99", "--all"), "no meeting 99"),
            (("meeting", "attend", "99", "1"), "no meeting 99"),
            (("meeting", "unattend", "99", "1"), "no meeting 99"),
            (("meeting", "unattend", meeting, "99"), "no member with number '99'"),
            (("report", "annual", "--year", "1800"), "--year: 1800 is not a year"),
    ):
        err = refused(capsys, *book, *argv)
        assert message in err and err.count("\n") == 1, (argv, err)
    assert file_digest(Path(book[1])) == before
    for argv in (("meeting", "add", "--date", "2026-13-01", "--record-date", "2026-03-31",
                  "--quorum-number", "2"),
                 ("meeting", "add", "--date", "2026-04-20", "--record-date", "2026-03-31", "--kind", "picnic",
                  "--quorum-number", "2"),
                 ("meeting", "show", "one")):
        with pytest.raises(SystemExit):
            run(capsys, *book, *argv)
        assert "coopdesk meeting" in capsys.readouterr().err
    assert file_digest(Path(book[1])) == before


# -- the pack ------------------------------------------------------------------------------------

def test_the_pack_is_written_by_the_core(book: tuple[str, str], meeting: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The command hands the book, the meeting, the folder and the year to `write_pack` and
    prints the files it wrote (a stand-in here: the real pack is tested on its own)."""
    calls: list[tuple[Any, ...]] = []

    def write_pack(source: Any, meeting_id: int, out_dir: Path, *, year_start: dt.date | None = None
                   ) -> list[Path]:
        assert isinstance(source, Book) and out_dir.is_dir()
        calls.append((meeting_id, out_dir, year_start))
        written = [out_dir / "voter-roll.pdf", out_dir / "annual-report.pdf"]
        for path in written:
            path.write_bytes(b"%PDF-")
        return written

    monkeypatch.setattr(pack, "write_pack", write_pack)
    out = tmp_path / "new" / "pack"
    assert ok(capsys, *book, "meeting", "pack", meeting, "--out", str(out)) == (
        f"{out / 'voter-roll.pdf'}\n{out / 'annual-report.pdf'}\n")
    ok(capsys, *book, "meeting", "pack", meeting, "--out", str(out), "--year", "2025")
    assert calls == [(int(meeting), out, None), (int(meeting), out, dt.date(2025, 1, 1))]

    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for argv, message in ((("--out", str(a_file)), "is a file; name a folder"),
                          (("--out", str(out), "--year", "99999"), "--year: 99999 is not a year")):
        err = refused(capsys, *book, "meeting", "pack", meeting, *argv)
        assert message in err and err.count("\n") == 1, err
    assert "no meeting 99" in refused(capsys, *book, "meeting", "pack", "99", "--out", str(out))
    assert len(calls) == 2


def test_the_real_pack(book: tuple[str, str], meeting: str, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    """The command draws the pack through the real `write_pack`: its four PDFs, listed."""
    out = tmp_path / "pack"
    files = [Path(line) for line in ok(capsys, *book, "meeting", "pack", meeting, "--out", str(out)).splitlines()]
    assert files == [out / name for name in pack.FILES]
    assert all(path.read_bytes().startswith(b"%PDF-") for path in files)


# -- the annual report ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo co-op: three years of dues, a hardship fund with claims, a posted allocation."""
    path = tmp_path_factory.mktemp("meeting-cli-demo") / "demo.coopdesk"
    build_demo(path, today=dt.date(2026, 11, 26))
    return path


def _money(m: Money) -> str:
    return str(m.amount)


def _check_json(report: AnnualReport, got: dict[str, Any]) -> None:
    """Every figure of the JSON is the core's."""
    inc, bs = report.income, report.balance_sheet
    assert (got["coop_name"], got["year_start"], got["year_end"], got["previous_start"]) == (
        report.coop_name, report.year_start.isoformat(), report.year_end.isoformat(),
        report.previous_start.isoformat())
    for key, lines in (("income", inc.income), ("expenses", inc.expenses)):
        assert [(a["code"], a["name"], a["this_year"], a["last_year"]) for a in got["income"][key]] == [
            (a.code, a.name, _money(a.this_year), _money(a.last_year)) for a in lines]
    for key in ("total_income", "total_expenses", "surplus"):
        pair = getattr(inc, key)
        assert got["income"][key] == {"this_year": _money(pair[0]), "last_year": _money(pair[1])}
    sheet = got["balance_sheet"]
    for key in ("assets", "liabilities", "equity"):
        assert [(a["code"], a["balance"]) for a in sheet[key]] == [
            (a.code, _money(a.balance)) for a in getattr(bs, key)]
    for key in ("accumulated_surplus", "total_assets", "total_liabilities", "total_equity"):
        assert sheet[key] == _money(getattr(bs, key)), key
    m = report.membership
    assert got["membership"] == {"at_start": m.at_start, "joined": m.joined, "left": m.left, "at_end": m.at_end,
                                 "by_class": [{"class": c, "members": n} for c, n in m.by_class]}
    d = report.dues
    assert got["dues"] == {"charged": _money(d.charged), "collected": _money(d.collected), "rate": d.rate,
                           "owed_at_end": _money(d.owed_at_end), "members_owing": d.members_owing}
    assert len(got["funds"]) == len(report.funds)
    for fund, fy in zip(got["funds"], report.funds):
        assert (fund["code"], fund["claims"], fund["months_lasting"], fund["p_above_floor_12"],
                fund["p_above_floor_36"]) == (fy.code, dict(fy.claims), fy.months_lasting, fy.p_above_floor_12,
                                               fy.p_above_floor_36)
        for key in ("opening", "contributions", "payouts", "refunds", "other", "closing"):
            assert fund[key] == _money(getattr(fy, key)), key
    p = report.patronage
    assert got["patronage"] == {"allocated": p.allocated, **{k: _money(getattr(p, k)) for k in (
        "surplus", "reserve", "cash", "retained", "redeemed_in_year")}}
    assert got["members_by_year"] == [{"year_end": day.isoformat(), "members": n}
                                      for day, n in report.members_by_year]
    assert got["dues_by_month"] == [{"month": month.isoformat()[:7], "charged": _money(c), "collected": _money(k)}
                                    for month, c, k in report.dues_by_month]
    assert got["fund_balances"] == [
        {"fund": name, "balances": [{"month_end": day.isoformat(), "balance": _money(b)} for day, b in series]}
        for name, series in report.fund_balances]
    c = report.chain
    assert got["chain"] == {"entry_id": c.entry_id,
                            "entry_date": c.entry_date.isoformat() if c.entry_date else None,
                            "posted_at": c.posted_at, "hash": c.hash, "entries": c.entries}


def _check_text(report: AnnualReport, text: str, f: Formatter) -> None:
    """The text's figures are the core's, written the book's way."""
    def money(m: Money) -> str:
        return f.money(m, with_symbol=False)

    inc, bs = report.income, report.balance_sheet
    assert text.startswith(f"Annual report of {report.coop_name}: fiscal year {report.year_start.isoformat()} "
                           f"to {report.year_end.isoformat()}")
    for line in inc.income + inc.expenses:
        assert line_of(text, f"{line.code} {line.name}  ").split()[-2:] == [money(line.this_year),
                                                                           money(line.last_year)]
    for label, pair in (("Total income", inc.total_income), ("Total expenses", inc.total_expenses),
                        ("Surplus (income less expenses)", inc.surplus)):
        assert line_of(text, label).split()[-2:] == [money(pair[0]), money(pair[1])], label
    for label, value in (("Total assets", bs.total_assets), ("Total liabilities", bs.total_liabilities),
                         ("Surplus accumulated", bs.accumulated_surplus), ("Total equity", bs.total_equity),
                         ("Liabilities and equity", bs.total_assets),
                         ("Charged for the year", report.dues.charged), ("Collected", report.dues.collected)):
        assert line_of(text, label).split()[-1] == money(value), label
    m = report.membership
    for label, count in (("At the start of the year", m.at_start), ("Joined", m.joined), ("Left", m.left),
                         ("At the end of the year", m.at_end)):
        assert line_of(text, label).split()[-1] == str(count), label
    for fy in report.funds:
        section = text.split(f"\nFund {fy.code}: {fy.name}\n")[1].split("\n\n")[0]
        for label, value in (("Opening balance", fy.opening), ("+ contributions", fy.contributions),
                             ("- claims paid out", fy.payouts), ("Closing balance", fy.closing)):
            assert line_of(section, label).split()[-1] == money(value), label
    if report.patronage.allocated:
        assert line_of(text, "Retained in capital accounts").split()[-1] == money(report.patronage.retained)
    else:
        assert "No allocation of this year's surplus" in text
    if report.chain.hash:
        assert f"Its hash: {report.chain.hash}\n" in text and f"Entries: {report.chain.entries}\n" in text


def test_the_annual_report_is_the_cores(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = ("--book", str(demo))
    with Book.open(demo, read_only=True) as b:
        report = b.read(annual_report, dt.date(2025, 1, 1))
        f = Formatter(b.settings.locale)
    assert report.funds and report.patronage.allocated  # the demo has both
    _check_json(report, json.loads(ok(capsys, *book, "report", "annual", "--year", "2025", "--format", "json")))
    text = ok(capsys, *book, "report", "annual", "--year", "2025")
    _check_text(report, text, f)
    claims = ", ".join(f"{status} {count}" for status, count in report.funds[0].claims)
    assert f"Claims submitted in the year: {claims}\n" in text


def test_the_annual_report_of_a_small_book_in_its_locale(book: tuple[str, str],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    report = read(book, annual_report, dt.date(2026, 1, 1))
    assert not report.funds and not report.patronage.allocated
    _check_json(report, json.loads(ok(capsys, *book, "report", "annual", "--year", "2026", "--format", "json")))
    text = ok(capsys, *book, "report", "annual", "--year", "2026")
    _check_text(report, text, Formatter("de_DE"))
    assert "Collection rate" in text and "%" in line_of(text, "Collection rate")
    collected = Formatter("de_DE").money(report.dues.collected, with_symbol=False)
    assert report.dues.collected.is_positive and "," in collected  # written the German way
    assert line_of(text, "Collected").endswith(f"  {collected}")
