"""`coopdesk claims ...` and `coopdesk report claims`: claims on the risk funds.

A claim is added, checked against its fund's policy, approved (each breach of the policy with
a reason: `--override RULE=REASON`) or denied, then paid. An approval that breaches the policy
without a reason for each breach is refused with every breach listed, and nothing changes.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.cli.commands import open_book
from coopdesk.cli.funds_commands import amount, formatter_of, show, whole_number
from coopdesk.dues.accounts import PAYMENT_METHODS
from coopdesk.errors import CoopdeskError, InputError, ValidationError
from coopdesk.formatting import Formatter
from coopdesk.funds.claims import (
    ClaimDraft,
    approve_claim,
    claim_breaches,
    deny_claim,
    pay_claim,
    pay_due_claims,
    submit_claim,
)
from coopdesk.funds.queries import ClaimRow, claim_details, list_claims
from coopdesk.funds.service import fund_by_code
from coopdesk.funds.types import RULES, Breach, ClaimStatus
from coopdesk.members.queries import member_detail
from coopdesk.money import Money

#: `--status open`: approved in full or in part, still to be paid.
OPEN = "open"
STATUS_CHOICES = (*(s.value for s in ClaimStatus), OPEN)


def add_parsers(sub: Any, iso_date: Any, format_option: Any, report: Any) -> None:
    """Add `claims ...` to the top-level subparsers, and the claims register to `report`."""
    group = sub.add_parser("claims", help="claims on the risk funds").add_subparsers(
        title="claims commands", metavar="ACTION", required=True)
    p = group.add_parser("add", help="record a member's claim on a fund")
    p.add_argument("--fund", required=True, metavar="CODE")
    p.add_argument("--member", required=True, metavar="NUMBER")
    p.add_argument("--event", type=iso_date, required=True, metavar="DATE",
                   help="the day of the illness, accident or loss")
    p.add_argument("--amount", required=True, help="asked for: once, or each month with --months")
    p.add_argument("--months", default="1", metavar="N", help="paid monthly for N months (default 1: once)")
    p.add_argument("--description", required=True, metavar="TEXT", help="what happened")
    p.add_argument("--date", type=iso_date, metavar="DATE", help="the day it was handed in (default today)")
    p.set_defaults(handler=claims_add)

    p = group.add_parser("check", help="what the fund's rules say of approving a claim")
    p.add_argument("claim_id", type=int, metavar="ID")
    _grant_options(p, iso_date)
    p.set_defaults(handler=claims_check)

    p = group.add_parser("approve", help="approve a claim, in full or for less")
    p.add_argument("claim_id", type=int, metavar="ID")
    p.add_argument("--by", required=True, metavar="WHO", help="who decided (a name, or the board and its meeting)")
    _grant_options(p, iso_date)
    p.add_argument("--reason", default="", metavar="TEXT", help="why, e.g. why less than asked is granted")
    p.add_argument("--override", action="append", default=[], metavar="RULE=REASON",
                   help="approve despite a breach of the rule RULE, for this reason (repeat for each; "
                        f"the rules: {', '.join(RULES)}; `claims check` names those breached)")
    p.set_defaults(handler=claims_approve)

    p = group.add_parser("deny", help="deny a claim, saying why")
    p.add_argument("claim_id", type=int, metavar="ID")
    p.add_argument("--by", required=True, metavar="WHO")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--date", type=iso_date, metavar="DATE", help="the day of the decision (default today)")
    p.set_defaults(handler=claims_deny)

    p = group.add_parser("pay", help="pay what approved claims have due (nothing is paid twice)")
    p.add_argument("claim_id", type=int, nargs="?", metavar="ID", help="one claim")
    p.add_argument("--all", action="store_true", help="every approved claim")
    p.add_argument("--fund", metavar="CODE", help="with --all: one fund's claims only")
    p.add_argument("--date", type=iso_date, metavar="DATE", help="pay what is due by this day (default today)")
    p.add_argument("--method", choices=PAYMENT_METHODS, default="bank_transfer")
    p.set_defaults(handler=claims_pay)

    p = group.add_parser("list", help="the claims, newest first")
    _register_options(p, format_option)
    p.add_argument("--member", metavar="NUMBER")
    p.set_defaults(handler=claims_list)

    p = group.add_parser("show", help="everything about one claim")
    p.add_argument("claim_id", type=int, metavar="ID")
    p.set_defaults(handler=claims_show)

    p = report.add_parser("claims", help="the claims register")
    _register_options(p, format_option)
    p.set_defaults(handler=claims_list, member=None)


def _grant_options(p: argparse.ArgumentParser, iso_date: Any) -> None:
    p.add_argument("--amount", help="grant this much (each month, for a monthly claim) instead of what was asked")
    p.add_argument("--months", metavar="N", help="grant this many months instead of what was asked")
    p.add_argument("--date", type=iso_date, metavar="DATE", help="the day of the decision (default today)")


def _register_options(p: argparse.ArgumentParser, format_option: Any) -> None:
    p.add_argument("--fund", metavar="CODE")
    p.add_argument("--status", action="extend", nargs="+", choices=STATUS_CHOICES, default=[],
                   metavar="STATUS", help=f"only these ({', '.join(STATUS_CHOICES)})")
    format_option(p)


def claims_add(args: argparse.Namespace) -> int:
    day = args.date or clock.today()
    with open_book(args, read_only=False) as book:
        f = formatter_of(book)
        draft = ClaimDraft(args.fund, args.member, args.event, args.description,
                           amount(book, args.amount, "--amount"), whole_number(args.months, "--months"))
        claim_id = book.run(submit_claim, draft, day).result
        row = book.read(claim_details, claim_id)
        found = book.read(claim_breaches, claim_id, as_of=day)
    print(f"Added claim {claim_id}: member {row.member_number} {row.member_name} on {row.fund_code}, "
          f"{asked_words(row, f)}")
    _print_check(claim_id, found, day)
    return 0


def claims_check(args: argparse.Namespace) -> int:
    day = args.date or clock.today()
    with open_book(args, read_only=True) as book:
        grant, months = _grant(book, args)
        found = book.read(claim_breaches, args.claim_id, amount=grant, months=months, as_of=day)
    _print_check(args.claim_id, found, day)
    return 0


def _print_check(claim_id: int, found: Sequence[Breach], day: dt.date) -> None:
    if not found:
        print(f"Policy check on {day.isoformat()}: within the policy")
        return
    print(f"Policy check on {day.isoformat()}: {len(found)} breach(es) of the fund's rules")
    for breach in found:
        print(f"  {breach.rule}: {breach.message}")
    print(f"To approve it anyway, give a reason for each: coopdesk claims approve {claim_id} "
          f"--by WHO {_override_hint(found)}")


def _override_hint(found: Sequence[Breach]) -> str:
    return " ".join(f'--override {b.rule}="REASON"' for b in found)


def _grant(book: Any, args: argparse.Namespace) -> tuple[Money | None, int | None]:
    grant = None if args.amount is None else amount(book, args.amount, "--amount")
    months = None if args.months is None else whole_number(args.months, "--months", least=1)
    return grant, months


def _overrides(texts: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for text in texts:
        rule, equals, reason = text.partition("=")
        rule = rule.strip()
        if not equals or not reason.strip():
            raise InputError(f"--override {text!r}: write RULE=REASON, e.g. "
                             "--override waiting_period=\"the board agreed on 3 March\"")
        if rule not in RULES:
            raise InputError(f"--override: no rule {rule!r} (the rules: {', '.join(RULES)})")
        found[rule] = reason.strip()
    return found


def claims_approve(args: argparse.Namespace) -> int:
    day = args.date or clock.today()
    overrides = _overrides(args.override)
    with open_book(args, read_only=False) as book:
        f = formatter_of(book)
        grant, months = _grant(book, args)
        try:
            status = book.run(approve_claim, args.claim_id, decided_by=args.by, date=day, amount=grant,
                              months=months, reason=args.reason, overrides=overrides).result
        except ValidationError as refused:
            found = book.read(claim_breaches, args.claim_id, amount=grant, months=months, as_of=day)
            _explain_refusal(args.claim_id, refused, [b for b in found if b.rule not in overrides])
            raise
        row = book.read(claim_details, args.claim_id)
    assert row.approved_amount is not None
    granted = _per_payment(row.approved_amount, row.approved_months or 1, f)
    print(f"Claim {row.id} {status.value.replace('_', ' ')}: {granted}, decided by {row.decided_by} "
          f"on {day.isoformat()}")
    for rule, _breach, reason in row.overrides:
        print(f"  override of {rule} recorded: {reason}")
    unused = sorted(set(overrides) - {rule for rule, *_ in row.overrides})
    if unused:
        print(f"coopdesk: no breach of {', '.join(unused)} to override; that reason was not recorded",
              file=sys.stderr)
    return 0


def _explain_refusal(claim_id: int, refused: ValidationError, unexplained: Sequence[Breach]) -> None:
    """Raise the refusal again as a list of the breaches and how to override them, when the
    breaches are what it refused (other problems keep the service's own message)."""
    problems = refused.problems
    if not unexplained or len(problems) != len(unexplained) or not all(
            problem.startswith(breach.message) for problem, breach in zip(problems, unexplained)):
        return
    lines = "\n".join(f"  {b.rule}: {b.message}" for b in unexplained)
    raise CoopdeskError(
        f"claim {claim_id} not approved, nothing changed: it goes beyond the fund's rules\n{lines}\n"
        f"To approve it anyway, give a reason for each: {_override_hint(unexplained)}") from None


def claims_deny(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        book.run(deny_claim, args.claim_id, decided_by=args.by, reason=args.reason, date=args.date)
    print(f"Claim {args.claim_id} denied, decided by {args.by.strip()}")
    return 0


def claims_pay(args: argparse.Namespace) -> int:
    if (args.claim_id is None) == (not args.all):
        raise InputError("say which claims to pay: a claim's ID, or --all")
    if args.fund is not None and not args.all:
        raise InputError("--fund goes with --all")
    day = args.date or clock.today()
    with open_book(args, read_only=False) as book:
        f = formatter_of(book)
        if args.all:
            result = book.run(pay_due_claims, day, args.method, args.fund).result
        else:
            result = book.run(pay_claim, args.claim_id, day, args.method).result
    if not result.payouts:
        what = f"claim {args.claim_id} has" if not args.all else (
            f"the claims on {args.fund.strip().upper()} have" if args.fund else "the claims have")
        print(f"Nothing to pay: {what} nothing due by {day.isoformat()} that is not paid already")
        return 0
    print(f"Paid {result.payouts} payment(s) on {result.claims} claim(s), {f.money(result.total)} in all, "
          f"by {args.method.replace('_', ' ')} on {day.isoformat()}")
    return 0


@dataclasses.dataclass(frozen=True, slots=True)
class ClaimLine:
    id: int
    fund: str
    member: str
    name: str
    submitted: dt.date
    event: dt.date
    description: str
    asked: Money
    months: int
    status: str
    approved: Money | None
    approved_months: int | None
    decided: dt.date | None
    decided_by: str
    reason: str
    paid: Money
    to_pay: Money
    overrides: str  # "rule: reason; ..."


_CLAIM_COLUMNS = ["id", "fund", "member", "name", "event", "asked", "months", "status", "approved",
                  "approved_months", "paid", "to_pay"]


def claims_list(args: argparse.Namespace) -> int:
    statuses = _statuses(args.status)
    with open_book(args, read_only=True) as book:
        if args.member is not None:
            book.read(member_detail, args.member)  # an unknown member is an error, not "no claims"
        if args.fund is not None:
            book.read(_fund_exists, args.fund)
        rows = book.read(list_claims, fund_code=args.fund, member_number=args.member, statuses=statuses)
        return show([_line(r) for r in rows], args.format, book, ClaimLine, _CLAIM_COLUMNS)


def _fund_exists(session: Session, code: str) -> None:
    fund_by_code(session, code)


def _statuses(given: Sequence[str]) -> list[ClaimStatus]:
    found: list[ClaimStatus] = []
    for text in given:
        found += [s for s in ClaimStatus if s.is_open] if text == OPEN else [ClaimStatus(text)]
    return list(dict.fromkeys(found))


def _line(row: ClaimRow) -> ClaimLine:
    return ClaimLine(row.id, row.fund_code, row.member_number, row.member_name, row.submitted_date,
                     row.event_date, row.description, row.amount, row.months, row.status.value,
                     row.approved_amount, row.approved_months, row.decision_date, row.decided_by,
                     row.decision_reason, row.paid, row.to_pay,
                     "; ".join(f"{rule}: {reason}" for rule, _breach, reason in row.overrides))


def claims_show(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        f = formatter_of(book)
        row = book.read(claim_details, args.claim_id)
    print(f"Claim {row.id} on {row.fund_code}: member {row.member_number} {row.member_name}")
    fields = [
        ("status", row.status.value.replace("_", " ")),
        ("what happened", row.description),
        ("event", row.event_date.isoformat()),
        ("handed in", row.submitted_date.isoformat()),
        ("asked for", asked_words(row, f)),
    ]
    if row.decision_date is not None:
        fields.append(("decided", f"{row.decision_date.isoformat()} by {row.decided_by}"))
        if row.approved_amount is not None:
            fields.append(("granted", _per_payment(row.approved_amount, row.approved_months or 1, f)))
        if row.decision_reason:
            fields.append(("reason", row.decision_reason))
    fields += [("paid", f.money(row.paid)), ("still to pay", f.money(row.to_pay))]
    for name, value in fields:
        print(f"  {name:>13}: {value}")
    if row.overrides:
        print("Rules overridden:")
        for rule, breach, reason in row.overrides:
            print(f"  {rule}: {breach}\n    reason: {reason}")
    return 0


def asked_words(row: ClaimRow, f: Formatter) -> str:
    return _per_payment(row.amount, row.months, f)


def _per_payment(each: Money, months: int, f: Formatter) -> str:
    if months == 1:
        return f"{f.money(each)} once"
    return f"{f.money(each)} a month for {months} months ({f.money(each * months)} in all)"

