"""Every word the annual meeting's printed pack says, marked for translation (`N_`).

The voter roll, the sign-in sheet, the quorum worksheet and the annual report are read in the
book's language: they look these message ids up with `i18n.translations(locale).gettext`, never
the app's `_`. Placeholders in braces are filled after translation, so a translator may move
them. Words with a count are the functions at the end, which take the catalog's `ngettext`.
The page number ("Page {page} of {pages}") is the statements' own label.
"""

from __future__ import annotations

from collections.abc import Callable

from coopdesk.i18n import N_

# -- every document -------------------------------------------------------------------------

MEETING_ON = N_("{title}, {date}")
PRINTED_ON = N_("Printed on {date}")
RECORD_DATE = N_("Record date")
MEETING_DATE = N_("Date of the meeting")
QUORUM = N_("Quorum")
PROXIES = N_("Proxies")
PROXIES_NOT_ALLOWED = N_("Not allowed")
PROXIES_ALLOWED = N_("Allowed, without a limit per member")
PROXIES_MAXIMUM = N_("Allowed, at most {count} per member present")
COLUMN_NUMBER = N_("No.")
COLUMN_NAME = N_("Name")
COLUMN_CLASS = N_("Class")
NO_CLASS = N_("No class")

#: The quorum rule in words.
QUORUM_PERCENT = N_("{percent} of the eligible voters")
QUORUM_GREATER = N_("{percent} of the eligible voters or {members}, whichever is more")
QUORUM_LESSER = N_("{percent} of the eligible voters or {members}, whichever is fewer")
QUORUM_PRESENT = N_("present in person or by proxy")

# -- the voter roll -------------------------------------------------------------------------

ROLL_TITLE = N_("Voter roll")
ROLL_INTRO = N_("Members who may vote: members in good standing on the record date whose "
                "class votes.")
ROLL_ELIGIBLE = N_("Members who may vote")
ROLL_COUNT = N_("Members who may vote: {count}")
ROLL_NONE = N_("No member may vote on the record date.")
ROLL_EXCLUDED = N_("Members who may not vote")
ROLL_EXCLUDED_COUNT = N_("Members who may not vote: {count}")
COLUMN_REASON = N_("Why not")

#: Why a member may not vote (eligibility's REASONS, as the roll says them).
REASON_NOT_JOINED = N_("not a member on the record date")
REASON_LEFT = N_("left before the record date")
REASON_LEFT_ON = N_("left on {date}")
REASON_NO_VOTE = N_("their member class does not vote")
REASON_PENDING = N_("first dues not paid by the record date")
REASON_IN_ARREARS = N_("in arrears on the record date")
REASON_STATUS = N_("not in good standing (set in the register)")
REASONS = {
    "not_joined": REASON_NOT_JOINED,
    "left": REASON_LEFT,
    "no_vote": REASON_NO_VOTE,
    "pending": REASON_PENDING,
    "in_arrears": REASON_IN_ARREARS,
    "status": REASON_STATUS,
}

# -- the sign-in sheet ----------------------------------------------------------------------

SIGNIN_TITLE = N_("Sign-in sheet")
SIGNIN_INTRO = N_("Please sign beside your name. A member holding another member's proxy "
                  "writes that member's number in the last column of their own line; a member "
                  "represented by proxy has the holder's number written on theirs.")
COLUMN_SIGNATURE = N_("Signature")
COLUMN_PROXY = N_("Proxy for / held by")
SIGNIN_BLANK = N_("Corrections and additions (checked against the voter roll)")

# -- the quorum worksheet -------------------------------------------------------------------

WORKSHEET_TITLE = N_("Quorum worksheet")
ELIGIBLE_VOTERS = N_("Eligible voters")
QUORUM_NEEDED = N_("Quorum needed")
QUORUM_NEEDED_RULE = N_("The bylaws' rule: {rule}.")
AT_THE_DOOR = N_("At the door")
AT_THE_DOOR_NOTE = N_("Fill in when the meeting opens: the quorum is taken at the start.")
PRESENT = N_("Members present in person")
BY_PROXY = N_("Members represented by proxy")
TOTAL = N_("Total")
REACHED = N_("Quorum reached")
YES = N_("Yes")
NO = N_("No")
TIME = N_("Time")
SECRETARY = N_("Signed by the secretary")
RECORDED = N_("As recorded at {time}")
RECORDED_NOTE = N_("Attendance recorded in coopdesk when this worksheet was printed.")
RECORDED_REACHED = N_("The quorum is reached.")
RECORDED_MISSING = N_("The quorum is not reached yet: {count} more needed.")

# -- the annual report ----------------------------------------------------------------------

REPORT_TITLE = N_("Annual report")
REPORT_DOCUMENT_TITLE = N_("Annual report, fiscal year {year}")
FISCAL_YEAR = N_("Fiscal year {year}")
YEAR_RANGE = N_("{start} to {end}")
FOR_MEETING = N_("Presented at the {title} on {date}")
REPORT_INTRO = N_("This report shows what the co-op earned and spent during the year, what it "
                  "owns and owes at the year's end, its members, their dues, its risk funds and "
                  "the share of the surplus returned to members. Figures come straight from the "
                  "co-op's books.")

INCOME_TITLE = N_("Income and expenses")
INCOME_INTRO = N_("Money that came in and went out during the year, beside the year before.")
COLUMN_ACCOUNT = N_("Account")
INCOME = N_("Income")
EXPENSES = N_("Expenses")
TOTAL_INCOME = N_("Total income")
TOTAL_EXPENSES = N_("Total expenses")
SURPLUS = N_("Surplus (income less expenses)")
DEFICIT = N_("Deficit (expenses more than income)")
NO_PREVIOUS = N_("The co-op's books do not reach back to the year before: its column is empty.")
NO_LINES = N_("Nothing this year")

BALANCE_TITLE = N_("Balance sheet on {date}")
BALANCE_INTRO = N_("What the co-op owned and owed at the year's end. What it owns equals what "
                   "it owes plus what belongs to the members.")
ASSETS = N_("What the co-op owns (assets)")
LIABILITIES = N_("What the co-op owes (liabilities)")
EQUITY = N_("What belongs to the members (equity)")
ACCUMULATED = N_("Surplus built up over the years")
TOTAL_ASSETS = N_("Total assets")
TOTAL_LIABILITIES = N_("Total liabilities")
TOTAL_EQUITY = N_("Total equity")
LIABILITIES_AND_EQUITY = N_("Total liabilities and equity")

MEMBERSHIP_TITLE = N_("Members")
MEMBERS_AT_START = N_("Members at the start of the year ({date})")
MEMBERS_JOINED = N_("Joined during the year")
MEMBERS_LEFT = N_("Left during the year")
MEMBERS_AT_END = N_("Members at the end of the year ({date})")
BY_CLASS = N_("Members at the year's end by class")
CHART_MEMBERS = N_("Members at the end of each year")

DUES_TITLE = N_("Dues")
DUES_CHARGED = N_("Dues charged for the year")
DUES_COLLECTED = N_("Dues collected")
DUES_RATE = N_("Collected of what was charged")
DUES_RATE_NONE = N_("No dues were charged")
DUES_OWED = N_("Owed by members at the year's end")
CHART_DUES = N_("Dues per month: charged and collected")
CHARGED = N_("Charged")
COLLECTED = N_("Collected")

FUNDS_TITLE = N_("Risk funds")
FUNDS_INTRO = N_("Funds the members pay into together, to help a member in need.")
NO_FUNDS = N_("The co-op has no risk funds.")
FUND_OPENING = N_("Balance at the start of the year")
FUND_CONTRIBUTIONS = N_("Contributions from members")
FUND_PAYOUTS = N_("Paid out on claims")
FUND_REFUNDS = N_("Refunded to members")
FUND_OTHER = N_("Other movements")
FUND_CLOSING = N_("Balance at the end of the year")
FUND_CLAIMS = N_("Claims made during the year")
NO_CLAIMS = N_("No claims were made during the year.")
CLAIM_STATUSES = {
    "submitted": N_("waiting for a decision"),
    "approved": N_("approved, being paid"),
    "partly_approved": N_("partly approved, being paid"),
    "paid": N_("paid"),
    "denied": N_("denied"),
}
FUND_OUTLOOK = N_("Outlook")
OUTLOOK_LASTS = N_("At the expected rate of claims the fund stays above its floor for at least "
                   "the next three years.")
OUTLOOK_BELOW = N_("The fund was below its floor at the year's end.")
OUTLOOK_CHANCE = N_("Chance that it never falls below its floor: {p12} over the next 12 months, "
                    "{p36} over the next 36 months.")
CHART_FUND = N_("{fund}: balance at the end of each month")

PATRONAGE_TITLE = N_("Patronage: the surplus returned to members")
NO_ALLOCATION = N_("No allocation this year: the surplus was not shared out by patronage.")
PATRONAGE_SURPLUS = N_("Surplus allocated")
PATRONAGE_RESERVE = N_("Kept by the co-op (reserve)")
PATRONAGE_CASH = N_("Paid to members in cash")
PATRONAGE_RETAINED = N_("Retained in members' capital accounts")
PATRONAGE_REDEEMED = N_("Capital paid back to members during the year")

CHAIN_TITLE = N_("The ledger's audit chain")
CHAIN_INTRO = N_("Every entry in the co-op's ledger is sealed with a fingerprint of all the "
                 "entries before it, so any later change shows. The figures above were drawn "
                 "from the ledger whose last entry is:")
CHAIN_ENTRIES = N_("Entries in the ledger")
CHAIN_LAST = N_("Last entry")
CHAIN_LAST_VALUE = N_("No. {number} of {date}")
CHAIN_HASH = N_("Its fingerprint (SHA-256)")
CHAIN_EMPTY = N_("The ledger has no entries yet.")
DRAWN_ON = N_("Report drawn on {date}")
AUDITORS = N_("Auditors' signatures")


# -- words with a count ---------------------------------------------------------------------

NGettext = Callable[[str, str, int], str]


def members_owing(ngettext: NGettext, count: int, amount: str) -> str:
    return ngettext("{amount} ({count} member)", "{amount} ({count} members)",
                    count).format(amount=amount, count=count)


def claims_count(ngettext: NGettext, count: int, status: str) -> str:
    return ngettext("{count} claim {status}", "{count} claims {status}",
                    count).format(count=count, status=status)


def outlook_months(ngettext: NGettext, months: int) -> str:
    return ngettext("At the expected rate of claims the fund would fall below its floor in "
                    "{months} month.",
                    "At the expected rate of claims the fund would fall below its floor in "
                    "{months} months.", months).format(months=months)


def quorum_members(ngettext: NGettext, count: int) -> str:
    return ngettext("{count} member", "{count} members", count).format(count=count)


def in_arrears_months(ngettext: NGettext, months: int) -> str:
    return ngettext("in arrears ({months} month)", "in arrears ({months} months)",
                    months).format(months=months)
