"""Members' statements of account built from the book, as plain data (`types.Statement`).

`statements_for` builds any number of statements with the same few queries (`reading`), so a
batch for five thousand members costs about what one costs on the same book, and all of them
come from one read transaction: they agree with each other and with the ledger at one moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence

from babel import Locale
from sqlalchemy.orm import Session

from coopdesk.dues.accounts import DUES_RECEIVABLE, PREPAYMENTS
from coopdesk.dues.queries import dues_facts
from coopdesk.dues.settlement import member_settlements
from coopdesk.errors import InputError, NotFound
from coopdesk.ledger.lookup import account_id_for
from coopdesk.members.queries import DuesFacts
from coopdesk.members.status import StatusFacts, derive_status
from coopdesk.members.types import Status
from coopdesk.money import Money
from coopdesk.logo import Logo, load_logo
from coopdesk.settings import BookSettings, load_settings
from coopdesk.statements.fund_sections import fund_sections
from coopdesk.statements.language import statement_locale
from coopdesk.statements.lines import statement_lines
from coopdesk.statements.patronage_sections import patronage_sections
from coopdesk.statements.postal import postal_lines
from coopdesk.statements.reading import (
    MemberRecord,
    account_totals,
    entry_details,
    member_records,
    period_postings,
)
from coopdesk.statements.standing import amount_due, due_date, months_behind, standing_of
from coopdesk.statements.types import Letterhead, Section, Statement, StatementLine


#: Up to this many members, status facts are settled from their own charges; beyond, the
#: whole book's one pass (`dues_facts`, about a second on ten years of 5,000 members) is cheaper.
FEW_FOR_FACTS = 100


def statement_for(session: Session, member_number: str, date_from: dt.date, date_to: dt.date,
                  *, today: dt.date) -> Statement:
    """Member `member_number`'s statement for the days `date_from` to `date_to`, dated `today`."""
    return statements_for(session, [member_number], date_from, date_to, today=today)[0]


def statements_for(session: Session, numbers: Sequence[str], date_from: dt.date, date_to: dt.date,
                   *, today: dt.date, dues: Mapping[int, DuesFacts] | None = None) -> list[Statement]:
    """The statements of the members numbered `numbers` (in that order) for the days
    `date_from` to `date_to`, dated `today`.

    Each holds the entries on the member's dues account dated within the period, the balances
    before and after, what is due and by when, and their standing on `today` (derived as the
    register derives it). `dues` are the status facts of every member as of `today`
    (`dues.queries.dues_facts`) when the caller has them already: a batch whose workers each
    read a share passes them, so they are computed once. Unknown numbers are refused
    (NotFound) all at once.
    """
    check_period(date_from, date_to, today)
    settings = load_settings(session)
    records = member_records(session, numbers)
    unknown = [n for n in numbers if n not in records]
    if unknown:
        raise NotFound(f"no member with number {', '.join(repr(n) for n in unknown)}")
    if not numbers:
        return []
    chosen = [records[n] for n in numbers]
    ids = [r.id for r in chosen]
    receivable = account_id_for(session, DUES_RECEIVABLE)
    accounts = (receivable, account_id_for(session, PREPAYMENTS))
    totals = account_totals(session, accounts, ids)
    found = period_postings(session, accounts, ids, date_from,
                            sum(count for _, count in totals.values()))
    details = entry_details(session, [p for rows in found.values() for p in rows if p.date <= date_to])
    facts = dues if dues is not None else dues_facts_for(session, ids, today)
    letterhead = letterhead_of(settings, load_logo(session))
    home = home_country(settings)
    sections = fund_sections(session, ids, date_from, date_to, settings.currency)
    patronage = patronage_sections(session, ids, date_from, date_to, settings.currency)
    statements = []
    for record in chosen:
        since = found.get(record.id, [])
        total = totals.get(record.id, (0, 0))[0]
        opening = total - sum(p.amount for p in since)
        lines, closing = statement_lines([p for p in since if p.date <= date_to], opening,
                                         settings.currency, details, receivable)
        statements.append(_statement(record, settings, letterhead, home, facts.get(record.id),
                                     date_from, date_to, today,
                                     Money.from_minor(opening, settings.currency), lines,
                                     Money.from_minor(closing, settings.currency),
                                     sections.get(record.id, ()), patronage.get(record.id, ())))
    return statements


def check_period(date_from: dt.date, date_to: dt.date, today: dt.date) -> None:
    """Refuse a period that ends before it starts or after the statement's date."""
    if date_from > date_to:
        raise InputError(f"the statement period ends ({date_to.isoformat()}) before it starts "
                         f"({date_from.isoformat()})")
    if date_to > today:
        raise InputError(f"a statement dated {today.isoformat()} cannot cover days after it "
                         f"(the period ends {date_to.isoformat()})")


def dues_facts_for(session: Session, member_ids: Collection[int], as_of: dt.date) -> dict[int, DuesFacts]:
    """Months in arrears and whether the first dues are unpaid, for each member with charges,
    as of a day: for many members the whole book's pass (`dues_facts`), for a few theirs."""
    if len(member_ids) > FEW_FOR_FACTS:
        return dues_facts(session, as_of)
    facts = {}
    for member_id, (charged, _) in member_settlements(session, member_ids, as_of).items():
        if not charged:
            continue
        first, first_open = charged[0]
        oldest = next((c.period_start for c, still_open in charged if still_open > 0), None)
        facts[member_id] = DuesFacts(first_dues_unpaid=first_open == first.amount and first.amount > 0,
                                     months_in_arrears=months_behind(oldest, as_of))
    return facts


def letterhead_of(settings: BookSettings, logo: Logo | None = None) -> Letterhead:
    """The co-op's name, postal address and contacts as its letters show them."""
    address = settings.address
    lines = postal_lines("", address.lines, address.postal_code, address.city, address.region,
                         address.country, home_country=home_country(settings),
                         home_locale=settings.locale)
    return Letterhead(settings.name, lines, settings.email, settings.phone,
                      logo.data if logo is not None else None)


def home_country(settings: BookSettings) -> str:
    """The country the co-op posts its letters in: its address's, else its locale's."""
    return settings.address.country or (Locale.parse(settings.locale).territory or "")


def _statement(record: MemberRecord, settings: BookSettings, letterhead: Letterhead, home: str,
               facts: DuesFacts | None, date_from: dt.date, date_to: dt.date, today: dt.date,
               opening: Money, lines: tuple[StatementLine, ...], closing: Money,
               risk_funds: tuple[Section, ...] = (),
               patronage: tuple[Section, ...] = ()) -> Statement:
    facts = facts or DuesFacts()
    status = derive_status(StatusFacts(record.join_date, record.leave_date, record.leave_reason,
                                       record.status_override, facts.first_dues_unpaid,
                                       facts.months_in_arrears), today, settings.grace_months)
    language, locale = statement_locale(record.language, settings.locale, settings.address.country)
    due = amount_due(closing)
    left = record.leave_date if status in (Status.WITHDRAWN, Status.DECEASED) else None
    return Statement(
        member_number=record.number, member_name=record.name,
        recipient=postal_lines(record.name, record.street, record.postal_code, record.city,
                               record.region, record.country, home_country=home,
                               home_locale=settings.locale),
        language=language, locale=locale, letterhead=letterhead, statement_date=today,
        date_from=date_from, date_to=date_to, opening_balance=opening,
        lines=lines, closing_balance=closing, amount_due=due, due_date=due_date(today, due), status=status,
        standing=standing_of(status), months_in_arrears=facts.months_in_arrears, left_on=left,
        risk_funds=risk_funds, patronage=patronage,
    )
