"""`coopdesk meeting ...` and `coopdesk report annual`: members' meetings on the command line.

A meeting is added with its record date (who may vote is settled on that day), its quorum rule
and its proxy rule; `meeting eligible` lists who may vote (with `--all`, everyone in the
register and why each other member may not); at the door, `meeting attend` records a member as
present, or represented by the proxy of a member who is present (`--by HOLDER`), and
`meeting unattend` undoes a mistake. `meeting show` prints the quorum worksheet as it stands.
`meeting pack` writes the printed pack (voter roll, sign-in sheet, quorum worksheet, annual
report); `report annual` prints the annual report's figures.

Dates are written ISO (YYYY-MM-DD), money in the book's locale in sentences and tables; JSON
and CSV carry amounts as decimal strings.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from coopdesk.book import Book
from coopdesk.cli.commands import open_book
from coopdesk.cli.funds_commands import fixed, formatter_of, show, whole_number
from coopdesk.cli.patronage_capital_commands import fiscal_year, say
from coopdesk.errors import InputError
from coopdesk.formatting import Formatter
from coopdesk.meetings.annual_report import AnnualReport, annual_report
from coopdesk.meetings.eligibility import REASONS
from coopdesk.meetings.queries import MeetingRow, list_meetings, meeting_state
from coopdesk.meetings.quorum import Combine, QuorumRule, Worksheet
from coopdesk.meetings.service import (
    KINDS,
    MeetingDraft,
    add_meeting,
    record_attendance,
    remove_attendance,
)
from coopdesk.money import Money

def add_parsers(sub: Any, iso_date: Any, format_option: Any, report: Any) -> None:
    """Add `meeting ...` to the top-level subparsers, and `annual` to `report`."""
    group = sub.add_parser("meeting", help="members' meetings: who may vote, quorum, attendance").add_subparsers(
        title="meeting commands", metavar="ACTION", required=True)

    p = group.add_parser(
        "add", help="add a meeting with its record date, quorum rule and proxy rule",
        description="Add a meeting. Who may vote is settled on the record date. The quorum is a "
                    "percentage of the eligible voters, a number of members, or both (then the "
                    "greater of the two, or with --combine lesser the lesser).")
    p.add_argument("--date", type=iso_date, required=True, metavar="DATE", help="the day of the meeting")
    p.add_argument("--record-date", type=iso_date, required=True, metavar="DATE",
                   help="the day that settles who may vote (on or before the meeting)")
    p.add_argument("--kind", choices=KINDS, default="annual", help="annual (default) or special")
    p.add_argument("--title", default="", metavar="TEXT",
                   help="default: \"Annual meeting YYYY\" or \"Special meeting of DATE\"")
    p.add_argument("--quorum-percent", metavar="P", help="quorum: this percentage of the eligible voters")
    p.add_argument("--quorum-number", metavar="N", help="quorum: this many members")
    p.add_argument("--combine", choices=tuple(c.value for c in Combine),
                   help="with both quorum options: the greater (default) or the lesser of the two")
    p.add_argument("--proxies", action="store_true",
                   help="a member may be represented by the proxy of a member who is present")
    p.add_argument("--max-proxies", metavar="N", help="with --proxies: the most proxies one member holds")
    p.add_argument("--notes", default="", metavar="TEXT", help="place, time, agenda")
    p.set_defaults(handler=meeting_add)

    p = group.add_parser("list", help="the meetings, the latest first")
    format_option(p)
    p.set_defaults(handler=meeting_list)

    p = group.add_parser("show", help="a meeting, its quorum worksheet and who may not vote")
    _meeting_id(p)
    p.set_defaults(handler=meeting_show)

    p = group.add_parser("eligible", help="who may vote at a meeting (with --all: everyone, and why not)")
    _meeting_id(p)
    p.add_argument("--all", action="store_true",
                   help="every member of the register, eligible or not, with the reason")
    format_option(p)
    p.set_defaults(handler=meeting_eligible)

    p = group.add_parser(
        "attend", help="record a member at the door: present, or represented by a proxy",
        description="Record MEMBER as present at the meeting; with --by HOLDER, record MEMBER as "
                    "represented by the proxy that HOLDER (a member who is present) carries.")
    _meeting_id(p)
    p.add_argument("member", metavar="MEMBER", help="the member's number")
    p.add_argument("--by", metavar="HOLDER",
                   help="MEMBER is not there but represented: the number of the member holding the proxy")
    p.set_defaults(handler=meeting_attend)

    p = group.add_parser("unattend", help="undo a member's attendance recorded by mistake")
    _meeting_id(p)
    p.add_argument("member", metavar="MEMBER", help="the member's number")
    p.set_defaults(handler=meeting_unattend)

    p = group.add_parser("attendance", help="who is present and who is represented by a proxy")
    _meeting_id(p)
    format_option(p)
    p.set_defaults(handler=meeting_attendance)

    p = group.add_parser("pack", help="write the meeting's printed pack (PDF) into a folder")
    _meeting_id(p)
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write to")
    p.add_argument("--year", type=int, metavar="YYYY",
                   help="the annual report's fiscal year, by the calendar year it starts in "
                        "(default: the last one ended before the meeting)")
    p.set_defaults(handler=meeting_pack)

    p = report.add_parser("annual", help="the annual report's figures for a fiscal year")
    p.add_argument("--year", type=int, required=True, metavar="YYYY",
                   help="the fiscal year starting in this calendar year")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=report_annual)


def _meeting_id(p: argparse.ArgumentParser) -> None:
    p.add_argument("meeting_id", type=int, metavar="ID", help="the meeting's number (see: coopdesk meeting list)")


# -- words ---------------------------------------------------------------------------------------

def quorum_words(rule: QuorumRule, f: Formatter) -> str:
    """"10% of the eligible voters or 5 members, whichever is greater"."""
    parts = []
    if rule.percent is not None:
        parts.append(f"{f.number(rule.percent)}% of the eligible voters")
    if rule.number is not None:
        parts.append(f"{rule.number} member{'' if rule.number == 1 else 's'}")
    if len(parts) == 2:
        return f"{parts[0]} or {parts[1]}, whichever is {rule.combine.value}"
    return parts[0] if parts else ""


def proxy_words(row: MeetingRow) -> str:
    if not row.proxies_allowed:
        return "not allowed"
    if row.max_proxies is None:
        return "allowed, no maximum"
    return f"allowed, at most {row.max_proxies} per member"


def worksheet_words(w: Worksheet) -> str:
    """One line: "2 present, 1 by proxy: 3 of the 5 needed, 2 more needed"."""
    counted = f"{w.present} present, {w.by_proxy} by proxy: {w.total} of the {w.needed} needed"
    return f"{counted}; quorum reached" if w.reached else f"{counted}, {w.still_needed} more needed"


def _percent(text: str, what: str) -> Decimal:
    body = text.strip().removesuffix("%").strip()
    if "," in body and "." not in body:
        body = body.replace(",", ".")
    try:
        value = Decimal(body)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise InputError(f"{what}: {text!r} is not a percentage (write e.g. 10 or 12.5)")
    return value


# -- meetings ------------------------------------------------------------------------------------

def meeting_add(args: argparse.Namespace) -> int:
    if args.quorum_percent is None and args.quorum_number is None:
        raise InputError("give the quorum: --quorum-percent P, --quorum-number N, or both")
    if args.combine is not None and (args.quorum_percent is None or args.quorum_number is None):
        raise InputError("--combine goes with both --quorum-percent and --quorum-number")
    if args.max_proxies is not None and not args.proxies:
        raise InputError("--max-proxies goes with --proxies")
    rule = QuorumRule(
        percent=None if args.quorum_percent is None else _percent(args.quorum_percent, "--quorum-percent"),
        number=None if args.quorum_number is None else whole_number(args.quorum_number, "--quorum-number",
                                                                    least=1),
        combine=Combine(args.combine or Combine.GREATER))
    max_proxies = None if args.max_proxies is None else whole_number(args.max_proxies, "--max-proxies", least=1)
    draft = MeetingDraft(args.date, args.record_date, kind=args.kind, title=args.title, quorum=rule,
                         proxies_allowed=args.proxies, max_proxies=max_proxies, notes=args.notes)
    with open_book(args, read_only=False) as book:
        meeting_id = book.run(add_meeting, draft).result
        state = book.read(meeting_state, meeting_id)
        f = formatter_of(book)
    m, w = state.meeting, state.worksheet
    print(f"Added meeting {m.id}: {m.title} on {m.meeting_date.isoformat()}, record date "
          f"{m.record_date.isoformat()}; {w.eligible} eligible voter(s), quorum {w.needed} "
          f"({quorum_words(m.quorum, f)}); proxies {proxy_words(m)}")
    return 0


@dataclasses.dataclass(frozen=True, slots=True)
class MeetingLine:
    id: int
    date: dt.date
    kind: str
    title: str
    record_date: dt.date
    quorum: str  # in words
    proxies: str  # in words
    quorum_percent: Decimal | None
    quorum_number: int | None
    combine: str
    proxies_allowed: bool
    max_proxies: int | None
    notes: str


_MEETING_COLUMNS = ["id", "date", "kind", "title", "record_date", "quorum", "proxies"]


def meeting_list(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        f = formatter_of(book)
        rows = [MeetingLine(m.id, m.meeting_date, m.kind, m.title, m.record_date, quorum_words(m.quorum, f),
                            proxy_words(m), m.quorum.percent, m.quorum.number, m.quorum.combine.value,
                            m.proxies_allowed, m.max_proxies, m.notes)
                for m in book.read(list_meetings)]
        return show(rows, args.format, book, MeetingLine, _MEETING_COLUMNS)


def meeting_show(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        f = formatter_of(book)
        state = book.read(meeting_state, args.meeting_id)
    m, w = state.meeting, state.worksheet
    print(f"Meeting {m.id}: {m.title} ({m.kind})")
    print(f"  Date: {m.meeting_date.isoformat()}")
    print(f"  Record date: {m.record_date.isoformat()} (who may vote is settled on this day)")
    print(f"  Quorum: {quorum_words(m.quorum, f)}")
    print(f"  Proxies: {proxy_words(m)}")
    if m.notes:
        print(f"  Notes: {m.notes}")
    print("Quorum worksheet:")
    for label, value in (("Eligible voters", w.eligible), ("Quorum needed", w.needed),
                         ("Present", w.present), ("By proxy", w.by_proxy), ("Total", w.total)):
        print(f"  {label}: {value}")
    print(f"  Reached: {'yes' if w.reached else f'no ({w.still_needed} more needed)'}")
    excluded = Counter(v.reason for v in state.excluded)
    print(f"Members who may not vote: {len(state.excluded)}")
    for code, words in REASONS.items():
        if excluded[code]:
            print(f"  {words}: {excluded[code]}")
    return 0


@dataclasses.dataclass(frozen=True, slots=True)
class VoterLine:
    number: str
    name: str
    class_name: str | None
    class_code: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class RegisterLine:
    number: str
    name: str
    class_name: str | None
    class_code: str | None
    eligible: str  # yes or no
    reason: str | None  # a code of REASONS, None when eligible
    why: str  # the reason in words


def meeting_eligible(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        state = book.read(meeting_state, args.meeting_id)
        if args.all:
            rows: list[Any] = [RegisterLine(v.number, v.name, v.class_name, v.class_code,
                                            "yes" if v.eligible else "no", v.reason, v.why)
                               for v in state.voters]
            show(rows, args.format, book, RegisterLine,
                 ["number", "name", "class_name", "eligible", "reason", "why"])
        else:
            rows = [VoterLine(v.number, v.name, v.class_name, v.class_code) for v in state.eligible]
            show(rows, args.format, book, VoterLine, ["number", "name", "class_name"])
    m = state.meeting
    say(f"{len(state.eligible)} of {len(state.voters)} member(s) may vote at meeting {m.id} ({m.title}), "
        f"record date {m.record_date.isoformat()}", args.format)
    return 0


def meeting_attend(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        book.run(record_attendance, args.meeting_id, args.member, args.by)
        state = book.read(meeting_state, args.meeting_id)
    names = {v.number: v.name for v in state.voters}
    member = args.member.strip()
    if args.by is None:
        print(f"Member {member} ({names[member]}) is present")
    else:
        holder = args.by.strip()
        print(f"Member {member} ({names[member]}) is represented by the proxy of member {holder} "
              f"({names[holder]})")
    print(f"Quorum: {worksheet_words(state.worksheet)}")
    return 0


def meeting_unattend(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        book.run(remove_attendance, args.meeting_id, args.member)
        state = book.read(meeting_state, args.meeting_id)
    member = args.member.strip()
    name = next((v.name for v in state.voters if v.number == member), "")
    print(f"Member {member} ({name}) is no longer recorded at meeting {state.meeting.id}")
    print(f"Quorum: {worksheet_words(state.worksheet)}")
    return 0


@dataclasses.dataclass(frozen=True, slots=True)
class AttendanceLine:
    member_number: str
    member_name: str
    how: str  # "present", "by proxy of 7 Gus Proxy"
    proxy_holder_number: str | None  # None: present in person
    proxy_holder_name: str | None
    recorded_at: str


def meeting_attendance(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        state = book.read(meeting_state, args.meeting_id)
        rows = [AttendanceLine(a.member_number, a.member_name,
                               "present" if a.proxy_holder_number is None
                               else f"by proxy of {a.proxy_holder_number} {a.proxy_holder_name}",
                               a.proxy_holder_number, a.proxy_holder_name, a.recorded_at)
                for a in state.attendance]
        show(rows, args.format, book, AttendanceLine, ["member_number", "member_name", "how", "recorded_at"])
    say(f"Quorum: {worksheet_words(state.worksheet)}", args.format)
    return 0


def meeting_pack(args: argparse.Namespace) -> int:
    # Imported here, not with the CLI: the pack's charts and PDF pages would add nearly a tenth
    # of a second to every command's start.
    from coopdesk.meetings.pack import write_pack

    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise InputError(f"--out: {out} is a file; name a folder to write the pack into")
    with open_book(args, read_only=True) as book:
        book.read(meeting_state, args.meeting_id)  # a meeting that does not exist: one line, nothing written
        year_start = None if args.year is None else fiscal_year(book, args.year)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"--out: cannot make the folder {out}: {exc.strerror or exc}") from None
        files = write_pack(book, args.meeting_id, out, year_start=year_start)
    for path in files:
        print(path)
    return 0


# -- the annual report ---------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class YearLine:
    item: str
    this_year: Money | str
    last_year: Money | str


@dataclasses.dataclass(frozen=True, slots=True)
class FigureLine:
    item: str
    amount: Money | str


@dataclasses.dataclass(frozen=True, slots=True)
class CountLine:
    item: str
    members: int


@dataclasses.dataclass(frozen=True, slots=True)
class BalanceLine:
    month_end: dt.date
    balance: Money


@dataclasses.dataclass(frozen=True, slots=True)
class MonthLine:
    month: str
    charged: Money
    collected: Money


def report_annual(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        year_start = fiscal_year(book, args.year)
        report = book.read(annual_report, year_start)
        if args.format == "json":
            json_report(report)
            return 0
        text_report(report, book)
    return 0


def json_report(r: AnnualReport) -> None:
    json.dump(annual_report_dict(r), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def annual_report_dict(r: AnnualReport) -> dict[str, Any]:
    """The report as plain JSON values: amounts as decimal strings, dates ISO, pairs named."""
    def money(m: Money) -> str:
        return str(m.amount)

    def years(pair: tuple[Money, Money]) -> dict[str, str]:
        return {"this_year": money(pair[0]), "last_year": money(pair[1])}

    def accounts(lines: tuple[Any, ...], *names: str) -> list[dict[str, str]]:
        return [{"code": line.code, "name": line.name, **{n: money(getattr(line, n)) for n in names}}
                for line in lines]

    inc, bs, m, d, p, c = r.income, r.balance_sheet, r.membership, r.dues, r.patronage, r.chain
    return {
        "coop_name": r.coop_name,
        "year_start": r.year_start.isoformat(),
        "year_end": r.year_end.isoformat(),
        "previous_start": r.previous_start.isoformat(),
        "currency": inc.surplus[0].currency,
        "income": {"income": accounts(inc.income, "this_year", "last_year"),
                   "expenses": accounts(inc.expenses, "this_year", "last_year"),
                   "total_income": years(inc.total_income), "total_expenses": years(inc.total_expenses),
                   "surplus": years(inc.surplus)},
        "balance_sheet": {"as_of": bs.as_of.isoformat(), "assets": accounts(bs.assets, "balance"),
                          "liabilities": accounts(bs.liabilities, "balance"),
                          "equity": accounts(bs.equity, "balance"),
                          "accumulated_surplus": money(bs.accumulated_surplus),
                          "total_assets": money(bs.total_assets),
                          "total_liabilities": money(bs.total_liabilities),
                          "total_equity": money(bs.total_equity)},
        "membership": {"at_start": m.at_start, "joined": m.joined, "left": m.left, "at_end": m.at_end,
                       "by_class": [{"class": name, "members": count} for name, count in m.by_class]},
        "dues": {"charged": money(d.charged), "collected": money(d.collected), "rate": d.rate,
                 "owed_at_end": money(d.owed_at_end), "members_owing": d.members_owing},
        "funds": [{"code": fy.code, "name": fy.name,
                   **{n: money(getattr(fy, n)) for n in ("opening", "contributions", "payouts", "refunds",
                                                         "other", "closing")},
                   "claims": dict(fy.claims), "months_lasting": fy.months_lasting,
                   "p_above_floor_12": fy.p_above_floor_12, "p_above_floor_36": fy.p_above_floor_36}
                  for fy in r.funds],
        "patronage": {"allocated": p.allocated, "surplus": money(p.surplus), "reserve": money(p.reserve),
                      "cash": money(p.cash), "retained": money(p.retained),
                      "redeemed_in_year": money(p.redeemed_in_year)},
        "members_by_year": [{"year_end": day.isoformat(), "members": count} for day, count in r.members_by_year],
        "dues_by_month": [{"month": month.isoformat()[:7], "charged": money(charged),
                           "collected": money(collected)} for month, charged, collected in r.dues_by_month],
        "fund_balances": [{"fund": name, "balances": [{"month_end": day.isoformat(), "balance": money(b)}
                                                      for day, b in series]}
                          for name, series in r.fund_balances],
        "chain": {"entry_id": c.entry_id, "entry_date": c.entry_date.isoformat() if c.entry_date else None,
                  "posted_at": c.posted_at, "hash": c.hash, "entries": c.entries},
    }


def text_report(r: AnnualReport, book: Book) -> None:
    f = formatter_of(book)

    def heading(text: str) -> None:
        print(f"\n{text}")

    def table(rows: list[Any], row_type: type) -> None:
        show(rows, "table", book, row_type)

    def percent(text: str) -> str:
        return f"{fixed(Decimal(text), f)}%" if text else "none charged"

    inc, bs, m, d, p, c = r.income, r.balance_sheet, r.membership, r.dues, r.patronage, r.chain
    currency = inc.surplus[0].currency
    print(f"Annual report of {r.coop_name}: fiscal year {r.year_start.isoformat()} to "
          f"{r.year_end.isoformat()} ({currency})")

    last_end = r.year_start - dt.timedelta(days=1)
    heading(f"Income and expenses: this year beside last year ({r.previous_start.isoformat()} to "
            f"{last_end.isoformat()})")
    lines = [YearLine(f"{a.code} {a.name}", a.this_year, a.last_year) for a in inc.income]
    lines.append(YearLine("Total income", *inc.total_income))
    lines += [YearLine(f"{a.code} {a.name}", a.this_year, a.last_year) for a in inc.expenses]
    lines.append(YearLine("Total expenses", *inc.total_expenses))
    lines.append(YearLine("Surplus (income less expenses)", *inc.surplus))
    table(lines, YearLine)

    heading(f"Balance sheet on {bs.as_of.isoformat()}")
    figures = [FigureLine(f"{a.code} {a.name}", a.balance) for a in bs.assets]
    figures.append(FigureLine("Total assets", bs.total_assets))
    figures += [FigureLine(f"{a.code} {a.name}", a.balance) for a in bs.liabilities]
    figures.append(FigureLine("Total liabilities", bs.total_liabilities))
    figures += [FigureLine(f"{a.code} {a.name}", a.balance) for a in bs.equity]
    figures.append(FigureLine("Surplus accumulated", bs.accumulated_surplus))
    figures.append(FigureLine("Total equity", bs.total_equity))
    figures.append(FigureLine("Liabilities and equity", bs.total_liabilities + bs.total_equity))
    table(figures, FigureLine)

    heading("Membership")
    members = [CountLine("At the start of the year", m.at_start), CountLine("Joined", m.joined),
               CountLine("Left", m.left), CountLine("At the end of the year", m.at_end)]
    members += [CountLine(f"  {name}", count) for name, count in m.by_class]
    table(members, CountLine)

    heading("Dues")
    table([FigureLine("Charged for the year", d.charged), FigureLine("Collected", d.collected),
           FigureLine("Collection rate", percent(d.rate)),
           FigureLine(f"Owed at the year's end by {d.members_owing} member(s)", d.owed_at_end)], FigureLine)
    heading("Dues by month")
    table([MonthLine(month.isoformat()[:7], charged, collected) for month, charged, collected in r.dues_by_month],
          MonthLine)

    for fy in r.funds:
        heading(f"Fund {fy.code}: {fy.name}")
        fund = [FigureLine("Opening balance", fy.opening), FigureLine("+ contributions", fy.contributions),
                FigureLine("- claims paid out", fy.payouts), FigureLine("- refunds", fy.refunds)]
        if not fy.other.is_zero:
            fund.append(FigureLine("+ other entries on the fund's account", fy.other))
        fund.append(FigureLine("Closing balance", fy.closing))
        table(fund, FigureLine)
        claims = ", ".join(f"{status.replace('_', ' ')} {count}" for status, count in fy.claims)
        print(f"  Claims submitted in the year: {claims or 'none'}")
        print("  Outlook: lasts " + ("beyond 36 months" if fy.months_lasting is None
                                     else f"{fy.months_lasting} month(s)")
              + f" at the expected claims; chance it stays above its floor for 12 months "
                f"{percent(fy.p_above_floor_12)}, for 36 months {percent(fy.p_above_floor_36)}")
    for name, series in r.fund_balances:
        heading(f"{name}: balance at each month's end")
        table([BalanceLine(day, balance) for day, balance in series], BalanceLine)

    heading("Patronage")
    if p.allocated:
        table([FigureLine("Surplus", p.surplus), FigureLine("Reserve (and the non-member part)", p.reserve),
               FigureLine("Paid in cash", p.cash), FigureLine("Retained in capital accounts", p.retained),
               FigureLine("Redeemed during the year", p.redeemed_in_year)], FigureLine)
    else:
        print("No allocation of this year's surplus")
        table([FigureLine("Redeemed during the year", p.redeemed_in_year)], FigureLine)

    heading("Members at each year's end")
    table([CountLine(f"Year ending {day.isoformat()}", count) for day, count in r.members_by_year], CountLine)

    heading("The ledger's audit chain")
    if c.entry_id is None:
        print("  No entries yet")
    else:
        print(f"  Entries: {c.entries}")
        print(f"  Last entry: {c.entry_id} of {c.entry_date.isoformat() if c.entry_date else ''}, "
              f"posted at {c.posted_at}")
        print(f"  Its hash: {c.hash}")

