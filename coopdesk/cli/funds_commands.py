"""`coopdesk funds ...` and the funds' reports: risk funds on the command line.

The claims on a fund are in `claims_commands`. Money typed by the user is read in the book's
locale (`amounts.parse_amount`); money printed in sentences is written the locale's way.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import babel.numbers
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.cli.amounts import parse_amount
from coopdesk.cli.commands import open_book
from coopdesk.cli.output import write_rows
from coopdesk.dues.accounts import PAYMENT_METHODS
from coopdesk.errors import InputError
from coopdesk.formatting import Formatter
from coopdesk.funds.queries import (
    FundRow,
    FundStatement,
    MemberFundRow,
    fund_details,
    fund_statement,
    list_claims,
    list_funds,
    member_fund_totals,
)
from coopdesk.funds.refunds import post_refunds, preview_refunds
from coopdesk.funds.service import add_fund, fund_by_code, policy_of, update_fund
from coopdesk.funds.types import ClaimStatus, ContributionKind, FundDraft, FundPolicy
from coopdesk.ledger.lookup import book_currency
from coopdesk.money import Money

if TYPE_CHECKING:
    from coopdesk.funds.solvency import SolvencyOutlook

#: Written instead of a limit to remove it (`funds set SICK --max-per-claim none`).
NO_LIMIT = "none"
#: `--classes all`: every member class takes part.
ALL_CLASSES = "all"

# (option, FundPolicy field, kind, help)
_POLICY_OPTIONS = (
    ("--waiting-months", "waiting_months", "months",
     "months after joining before a member may claim (0: none)"),
    ("--max-per-claim", "max_per_claim", "money", "the most a claim pays (a month, for a monthly claim)"),
    ("--max-per-member-year", "max_per_member_year", "money", "the most one member is paid in a year"),
    ("--max-months", "max_months", "months", "the most months a monthly claim is paid"),
    ("--floor", "floor", "money", "the least the fund must keep"),
    ("--cap-months", "balance_cap_months", "months",
     "a member's share is kept up to this many months of contributions; the rest is refunded "
     "at the year end"),
)


def add_parsers(sub: Any, iso_date: Any, format_option: Any, report: Any) -> None:
    """Add `funds ...` to the top-level subparsers, and the funds' reports to `report`."""
    group = sub.add_parser("funds", help="risk funds: members' pooled money for hard times").add_subparsers(
        title="funds commands", metavar="ACTION", required=True)
    p = group.add_parser("list", help="the funds with their balance, members and open claims")
    p.add_argument("--date", type=iso_date, metavar="DATE", help="balances on this day (default: all posted)")
    format_option(p)
    p.set_defaults(handler=funds_list)

    p = group.add_parser("add", help="start a fund with its own account")
    p.add_argument("code", metavar="CODE", help="a short code, such as SICK")
    p.add_argument("name", metavar="NAME", help="its name, such as \"Sick pay\"")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--monthly", metavar="AMOUNT",
                     help="each member pays this a month (charged by the dues run)")
    how.add_argument("--share", metavar="PERCENT", help="this percentage of each dues payment goes to the fund")
    p.add_argument("--from", dest="start", type=iso_date, required=True, metavar="DATE",
                   help="the day the fund starts")
    p.add_argument("--classes", metavar="A,B", help="member classes that take part (default: all)")
    _policy_arguments(p)
    p.add_argument("--notes", default="", metavar="TEXT")
    p.set_defaults(handler=funds_add)

    p = group.add_parser("set", help="change a fund's name, contribution, classes or rules",
                         description="Each option given replaces the fund's current value; write "
                                     f"{NO_LIMIT} to remove a limit (e.g. --max-per-claim {NO_LIMIT}).")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--name")
    p.add_argument("--monthly", metavar="AMOUNT", help="the new monthly contribution (months not charged yet)")
    p.add_argument("--share", metavar="PERCENT", help="the new share of dues payments (payments from now on)")
    p.add_argument("--classes", metavar="A,B", help=f"member classes that take part ({ALL_CLASSES!r}: every class)")
    _policy_arguments(p)
    p.add_argument("--notes", metavar="TEXT")
    p.set_defaults(handler=funds_set)

    p = group.add_parser("show", help="a fund's rules, balance, members, open claims and outlook")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--date", type=iso_date, metavar="DATE", help="balance on this day (default: all posted)")
    p.set_defaults(handler=funds_show)

    p = group.add_parser("refunds", help="the year-end refund of what members hold above the fund's cap")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--year-end", type=iso_date, required=True, metavar="DATE", help="the last day of the year")
    p.add_argument("--post", action="store_true", help="post the refunds (without: only show them)")
    p.add_argument("--method", choices=PAYMENT_METHODS, default="bank_transfer", help="how they are paid")
    format_option(p)
    p.set_defaults(handler=funds_refunds)

    p = report.add_parser("fund-statement", help="a fund's opening balance, contributions, payouts, "
                                                  "refunds and closing balance over a period")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--from", dest="date_from", type=iso_date, required=True, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=iso_date, required=True, metavar="DATE")
    format_option(p)
    p.set_defaults(handler=report_fund_statement)
    p = report.add_parser("fund-members", help="what each member put into a fund and had from it")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--from", dest="date_from", type=iso_date, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE")
    format_option(p)
    p.set_defaults(handler=report_fund_members)
    p = report.add_parser("solvency", help="how long a fund lasts and the chance it stays above its floor")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--date", type=iso_date, metavar="DATE", help="project from this day (default today)")
    format_option(p)
    p.set_defaults(handler=report_solvency)


def _policy_arguments(p: argparse.ArgumentParser) -> None:
    for option, field, kind, text in _POLICY_OPTIONS:
        p.add_argument(option, dest=field, metavar="N" if kind == "months" else "AMOUNT", help=text)


# -- shared with claims_commands ---------------------------------------------------------------

def formatter_of(book: Book) -> Formatter:
    return Formatter(book.settings.locale)


def amount(book: Book, text: str, what: str = "amount") -> Money:
    return parse_amount(text, formatter_of(book), book.settings.currency, what)


def whole_number(text: str, what: str, *, least: int = 0) -> int:
    """A count typed by the user, refused in one line when it is not one."""
    try:
        value = int(text.strip())
    except ValueError:
        raise InputError(f"{what}: {text!r} is not a whole number") from None
    if value < least:
        raise InputError(f"{what}: at least {least}")
    return value


def show(rows: Sequence[Any], fmt: str, book: Book, row_type: type, table_columns: list[str] | None = None
         ) -> int:
    """Write `rows` (of `row_type`: a CSV of no rows still has its header); a table shows
    `table_columns` only, CSV and JSON every field."""
    columns = table_columns if fmt == "table" else [f.name for f in dataclasses.fields(row_type)]
    write_rows(rows, fmt, sys.stdout, formatter=formatter_of(book), columns=columns)
    return 0


def check_period(date_from: dt.date | None, date_to: dt.date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise InputError("--from is after --to")


# -- funds ---------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class FundLine:
    code: str
    name: str
    account: str
    contribution: str          # in words: "$10.00 a month", "7.5% of payments"
    kind: str
    monthly: Money | None
    share_percent: Decimal | None
    classes: str
    members: int
    balance: Money
    open_claims: int


_FUND_COLUMNS = ["code", "name", "account", "contribution", "classes", "members", "balance", "open_claims"]


def contribution_words(row: FundRow, f: Formatter) -> str:
    if row.kind is ContributionKind.FIXED and row.contribution is not None:
        return f"{f.money(row.contribution)} a month"
    return f"{f.number(row.share_percent or Decimal(0))}% of payments"


def classes_words(classes: tuple[str, ...]) -> str:
    return ", ".join(classes) if classes else "all"


def funds_list(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        f = formatter_of(book)
        rows = [FundLine(r.code, r.name, r.account_code, contribution_words(r, f), r.kind.value,
                         r.contribution, r.share_percent, classes_words(r.classes),
                         r.members_taking_part, r.balance, r.open_claims)
                for r in book.read(list_funds, args.date)]
        return show(rows, args.format, book, FundLine, _FUND_COLUMNS)


def funds_add(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        kind = ContributionKind.FIXED if args.monthly is not None else ContributionKind.SHARE
        draft = FundDraft(
            args.code, args.name, kind, args.start,
            contribution=amount(book, args.monthly, "--monthly") if args.monthly is not None else None,
            share_percent=_percent(args.share) if args.share is not None else None,
            classes=_classes(args.classes), policy=FundPolicy(**_policy_changes(book, args)),
            notes=args.notes)
        book.run(add_fund, draft)
        row = book.read(fund_details, args.code)
        words = contribution_words(row, formatter_of(book))
    print(f"Added fund {row.code} ({row.name}) on account {row.account_code}: {words}, "
          f"from {row.start_date.isoformat()}; {row.members_taking_part} member(s) take part")
    return 0


def funds_set(args: argparse.Namespace) -> int:
    given = [option for option, field, *_ in _POLICY_OPTIONS if getattr(args, field) is not None]
    if not given and all(getattr(args, name) is None
                         for name in ("name", "monthly", "share", "classes", "notes")):
        raise InputError("nothing to change: give at least one option (see: coopdesk funds set --help)")
    with open_book(args, read_only=False) as book:
        monthly = amount(book, args.monthly, "--monthly") if args.monthly is not None else None
        share = _percent(args.share) if args.share is not None else None
        classes = None if args.classes is None else _classes(args.classes)
        policy = _policy_changes(book, args)
        book.run(_set_fund, args.code, policy, name=args.name, classes=classes, contribution=monthly,
                 share_percent=share, notes=args.notes)
        row = book.read(fund_details, args.code)
    print(f"Changed fund {row.code} ({row.name})")
    return 0


def _set_fund(session: Session, /, code: str, policy_changes: dict[str, Any], **changes: Any) -> None:
    """`update_fund`, the policy options given replacing the current ones (read in the same
    transaction as the change)."""
    policy = None
    if policy_changes:
        current = policy_of(fund_by_code(session, code), book_currency(session))
        policy = dataclasses.replace(current, **policy_changes)
    update_fund(session, code, policy=policy, **changes)


def _policy_changes(book: Book, args: argparse.Namespace) -> dict[str, Any]:
    """The policy options given, by FundPolicy field; `none` removes a limit."""
    changes: dict[str, Any] = {}
    for option, field, kind, _ in _POLICY_OPTIONS:
        text = getattr(args, field)
        if text is None:
            continue
        if text.strip().lower() == NO_LIMIT:
            changes[field] = 0 if field == "waiting_months" else None
        elif kind == "months":
            changes[field] = whole_number(text, option)
        else:
            changes[field] = amount(book, text, option)
    return changes


def _percent(text: str) -> Decimal:
    body = text.strip().removesuffix("%").strip()
    if "," in body and "." not in body:
        body = body.replace(",", ".")
    try:
        value = Decimal(body)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise InputError(f"--share: {text!r} is not a percentage (write e.g. 7.5)")
    return value


def _classes(text: str | None) -> tuple[str, ...]:
    if text is None or text.strip().lower() in ("", ALL_CLASSES):
        return ()
    return tuple(dict.fromkeys(code.strip() for code in text.split(",") if code.strip()))


def funds_show(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        f = formatter_of(book)
        row = book.read(fund_details, args.code, args.date)
        open_claims = book.read(list_claims, fund_code=row.code,
                                statuses=[s for s in ClaimStatus if s.is_open])
        outlook = _outlook(book, row.code, args.date)
    on = f" on {args.date.isoformat()}" if args.date else ""
    print(f"Fund {row.code}: {row.name} (account {row.account_code})")
    how = ("charged by the dues run" if row.kind is ContributionKind.FIXED
           else "split off each dues payment")
    print(f"  Contribution: {contribution_words(row, f)}, {how}")
    print(f"  Started: {row.start_date.isoformat()}")
    print(f"  Who takes part: {'members of ' + ', '.join(row.classes) if row.classes else 'every member'}"
          f" ({row.members_taking_part} taking part{on})")
    print(f"  Balance{on}: {f.money(row.balance)}")
    if row.notes:
        print(f"  Notes: {row.notes}")
    print("Policy:")
    for line in policy_words(row.policy, f):
        print(f"  {line}")
    print(f"Open claims: {len(open_claims)}")
    for claim in open_claims:
        print(f"  claim {claim.id}: member {claim.member_number} {claim.member_name}, "
              f"{claim.description}; still to pay {f.money(claim.to_pay)}")
    print("Solvency outlook:")
    for label, value in solvency_lines(outlook, f, book.settings.currency):
        print(f"  {label}: {value}")
    return 0


def policy_words(policy: FundPolicy, f: Formatter) -> list[str]:
    def limit(value: Money | None) -> str:
        return "no limit" if value is None else f.money(value)

    return [
        "Waiting period: " + (f"{policy.waiting_months} month(s) after a member begins taking part"
                              if policy.waiting_months else "none"),
        f"Most a claim pays (each month, for a monthly claim): {limit(policy.max_per_claim)}",
        f"Most one member is paid in a year: {limit(policy.max_per_member_year)}",
        "Longest a monthly claim is paid: " + (f"{policy.max_months} month(s)"
                                                if policy.max_months is not None else "no limit"),
        "Floor the fund must keep: " + (f.money(policy.floor) if policy.floor else "none"),
        "Cap on a member's share: " + (
            f"{policy.balance_cap_months} month(s) of contributions; the rest is refunded at the year end"
            if policy.balance_cap_months is not None else "none"),
    ]


@dataclasses.dataclass(frozen=True, slots=True)
class RefundLine:
    member_number: str
    member_name: str
    share: Money
    cap: Money
    refund: Money


def funds_refunds(args: argparse.Namespace) -> int:
    with open_book(args, read_only=not args.post) as book:
        f = formatter_of(book)
        if args.post:
            result = book.run(post_refunds, args.code, args.year_end, args.method).result
            if not result.members:
                print(f"Nothing to refund for the year ending {args.year_end.isoformat()}: "
                      "no member's share is above the cap")
            else:
                print(f"Refunded {result.members} member(s), {f.money(result.total)} in all "
                      f"(year ending {args.year_end.isoformat()}, by {args.method.replace('_', ' ')})")
            return 0
        if book.read(fund_details, args.code).policy.balance_cap_months is None:
            print(f"Fund {args.code.strip().upper()} has no cap on members' shares, so nothing is refunded")
            return 0
        plan = book.read(preview_refunds, args.code, args.year_end)
        show([RefundLine(r.member_number, r.member_name, r.share, r.cap, r.refund) for r in plan.rows],
             args.format, book, RefundLine)
        summary = (f"{len(plan.rows)} member(s) to refund, {f.money(plan.total)} in all, "
                   f"from a balance of {f.money(plan.balance)} on {args.year_end.isoformat()}; "
                   "nothing posted (add --post to post them)")
    print(summary if args.format == "table" else f"coopdesk: {summary}",
          file=sys.stdout if args.format == "table" else sys.stderr)
    return 0


# -- reports -------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class StatementLine:
    item: str
    amount: Money


def report_fund_statement(args: argparse.Namespace) -> int:
    check_period(args.date_from, args.date_to)
    with open_book(args, read_only=True) as book:
        st = book.read(fund_statement, args.code, args.date_from, args.date_to)
        if args.format != "table":
            return show([st], args.format, book, FundStatement)
        lines = [StatementLine("Opening balance", st.opening),
                 StatementLine("+ contributions", st.contributions),
                 StatementLine("- claims paid out", st.payouts),
                 StatementLine("- refunds", st.refunds)]
        if not st.other.is_zero:
            lines.append(StatementLine("+ other entries on the fund's account", st.other))
        lines.append(StatementLine("Closing balance", st.closing))
        print(f"Fund {st.code}: {st.name}, {st.date_from.isoformat()} to {st.date_to.isoformat()} "
              f"({st.closing.currency})")
        return show(lines, args.format, book, StatementLine)


def report_fund_members(args: argparse.Namespace) -> int:
    check_period(args.date_from, args.date_to)
    with open_book(args, read_only=True) as book:
        return show(book.read(member_fund_totals, args.code, args.date_from, args.date_to), args.format, book,
                    MemberFundRow)


@dataclasses.dataclass(frozen=True, slots=True)
class SolvencyLine:
    fund: str
    as_of: dt.date
    balance: Money
    months_lasting: int | None   # None: beyond 36 months
    percent_above_floor_12_months: Decimal   # one decimal
    percent_above_floor_36_months: Decimal
    expected_claims_per_month: Decimal
    expected_monthly_payout: Money
    balance_36_months_p5: Money
    balance_36_months_median: Money
    balance_36_months_p95: Money
    simulations: int
    seed: int


def report_solvency(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        f = formatter_of(book)
        day = args.date or clock.today()
        row = book.read(fund_details, args.code, day)
        outlook = _outlook(book, row.code, day)
        if args.format == "table":
            print(f"Fund {row.code}: {row.name}, balance {f.money(row.balance)} on {day.isoformat()}")
            for label, value in solvency_lines(outlook, f, book.settings.currency):
                print(f"  {label}: {value}")
            return 0
        currency = book.settings.currency
        low, mid, high = (Money.from_minor(int(units), currency) for units in outlook.balance_percentiles_36)
        line = SolvencyLine(row.code, day, row.balance, outlook.months_lasting,
                            percent(outlook.p_above_floor_12), percent(outlook.p_above_floor_36),
                            _decimal(outlook.expected_claims_per_month, "0.01"),
                            Money.from_minor(outlook.expected_monthly_payout, currency),
                            low, mid, high, outlook.simulations, outlook.seed)
        return show([line], args.format, book, SolvencyLine)


def _outlook(book: Book, code: str, as_of: dt.date | None) -> SolvencyOutlook:
    """The fund's solvency outlook (imported here: only `funds show` and the report need it)."""
    from coopdesk.funds.outlook import fund_outlook

    return book.read(fund_outlook, code, as_of)


def percent(fraction: Fraction) -> Decimal:
    """A probability (a Fraction) as a percentage with one decimal: 97.3."""
    return _decimal(fraction * 100, "0.1")


def fixed(value: Decimal, f: Formatter) -> str:
    """`value` the locale's way, with exactly its decimals ("97,3", "100.0")."""
    decimals = max(0, -int(value.as_tuple().exponent))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return babel.numbers.format_decimal(value, format=pattern, locale=f.locale)


def _decimal(fraction: Fraction, places: str) -> Decimal:
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal(places))


def solvency_lines(outlook: SolvencyOutlook, f: Formatter, currency: str) -> list[tuple[str, str]]:
    def money(units: int) -> str:
        return f.money(Money.from_minor(units, currency))

    low, mid, high = outlook.balance_percentiles_36
    lasting = outlook.months_lasting
    return [
        ("Lasts", "beyond 36 months at the expected claims" if lasting is None
         else f"{lasting} month(s) at the expected claims"),
        ("Chance it stays above its floor for 12 months", f"{fixed(percent(outlook.p_above_floor_12), f)}%"),
        ("Chance it stays above its floor for 36 months", f"{fixed(percent(outlook.p_above_floor_36), f)}%"),
        ("Expected claims a month", fixed(_decimal(outlook.expected_claims_per_month, "0.01"), f)),
        ("Expected payout a month", money(outlook.expected_monthly_payout)),
        ("Balance in 36 months (1 in 20 lower, middle, 1 in 20 higher)",
         f"{money(low)}, {money(mid)}, {money(high)}"),
        ("Simulations", f"{outlook.simulations} (seed {outlook.seed})"),
    ]
