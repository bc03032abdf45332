"""Every word a statement prints, marked for translation (`N_`) and translated per statement.

The words are message ids of the `coopdesk` gettext domain; `wording` looks each up in the
statement's own language (`i18n.translations(locale).gettext`), never the app's. Placeholders
in braces are filled after translation, so a translator may move them.
"""

from __future__ import annotations

from coopdesk.i18n import N_
from coopdesk.statements.types import LineKind, Standing

TITLE = N_("Statement of account")
CONTINUED = N_("Statement of account for {name}, member {number} (continued)")
PAGE = N_("Page {page} of {pages}")

STATEMENT_DATE = N_("Statement date")
MEMBER_NUMBER = N_("Member number")
PERIOD = N_("Period")
PERIOD_RANGE = N_("{start} to {end}")
INTRO = N_("This statement shows your dues account from {start} to {end}.")

BALANCE_ON = N_("Balance on {date}")
CHARGES_IN_PERIOD = N_("Dues and other charges")
CREDITS_IN_PERIOD = N_("Payments and credits")
AMOUNT_DUE = N_("Amount due")
PAY_BY = N_("Please pay by {date}.")
NOTHING_DUE = N_("Nothing to pay. Thank you.")
CREDIT_HELD = N_("You have a credit of {amount}, which will pay your next dues.")
LATER_PAYMENTS = N_("Payments received after {date} are not shown.")
STANDING = N_("Membership")

COLUMN_DATE = N_("Date")
COLUMN_DESCRIPTION = N_("Description")
COLUMN_CHARGES = N_("Charges")
COLUMN_CREDITS = N_("Credits")
COLUMN_BALANCE = N_("Balance")
BROUGHT_FORWARD = N_("Balance brought forward")
CARRIED_FORWARD = N_("Closing balance")
NO_ACTIVITY = N_("No dues, payments or credits in this period.")

DUES_FOR = N_("Dues for {period}")
DUES_FOR_PART = N_("Dues for {period} (part period)")
PAYMENT = N_("Payment received, thank you")
PAYMENT_BY = N_("Payment received ({method}), thank you")
WRITTEN_OFF = N_("Dues for {period} written off")
WRITTEN_OFF_ANY = N_("Dues written off")
#: A contribution charged with the dues: the fund's name says what it is, and the table's
#: description column is narrow.
CONTRIBUTION_FOR = N_("{fund} for {period}")
#: A section's heading with the name of what it is about (a fund), as the language writes it.
SECTION_NAMED = N_("{section}: {name}")
FUND_SECTION = N_("Risk fund")
FUND_CONTRIBUTIONS = N_("Your contributions in this period")
FUND_PAYOUTS = N_("Paid to you for claims in this period")
FUND_REFUNDS = N_("Refunded to you in this period")
FUND_CONTRIBUTIONS_ALL = N_("Your contributions in all")
CONTRIBUTION_WRITTEN_OFF = N_("{fund} for {period} written off")
DUES_ANY = N_("Dues")
REVERSED_PAYMENT = N_("Payment of {date} reversed")
REVERSED_ENTRY = N_("Entry of {date} reversed")
REVERSED_ANY = N_("Correction")
CREDIT_APPLIED = N_("{amount} of your credit used for these dues")
CREDIT_KEPT = N_("{amount} paid in advance, kept as credit")
ADJUSTMENT = N_("Adjustment")
ADJUSTMENT_MEMO = N_("Adjustment: {memo}")

METHODS = {
    "cash": N_("cash"),
    "cheque": N_("cheque"),
    "bank_transfer": N_("bank transfer"),
    "card": N_("card"),
    "other": N_("other means"),
}

STANDINGS = {
    Standing.GOOD: N_("In good standing"),
    Standing.PENDING: N_("Pending: your first dues are not paid yet"),
}
ENDED = N_("Ended on {date}")
ENDED_UNDATED = N_("Ended")
# "In arrears" takes a plural (months): see wording.standing_text.

SLIP_TITLE = N_("Remittance slip")
SLIP_CUT = N_("Please detach and return this part with your payment.")
SLIP_PAY_TO = N_("Pay to")
SLIP_MEMBER = N_("Member")
SLIP_REFERENCE = N_("Reference for bank transfers: member {number}")
SLIP_ENCLOSED = N_("Amount enclosed")

#: Descriptions that a line of each kind takes when nothing more is known about it.
PLAIN = {
    LineKind.CHARGE: DUES_ANY,
    LineKind.PAYMENT: PAYMENT,
    LineKind.WRITE_OFF: WRITTEN_OFF_ANY,
    LineKind.REVERSAL: REVERSED_ANY,
    LineKind.ADJUSTMENT: ADJUSTMENT,
}

#: The patronage sections (`patronage_sections`): an allocation of a fiscal year (the year
#: follows the title, as SECTION_NAMED writes it), and the capital account at the period's end.
PATRONAGE_SECTION = N_("Patronage dividend, fiscal year")
PATRONAGE_ALLOCATION = N_("Your allocation")
PATRONAGE_CASH = N_("Paid to you in cash")
PATRONAGE_RETAINED = N_("Retained in your capital account")
CAPITAL_SECTION = N_("Your capital account at the end of the period")
CAPITAL_SHARES = N_("Membership shares")
CAPITAL_RETAINED = N_("Retained patronage")
CAPITAL_PAYABLE = N_("Payable to you since you left")
CAPITAL_TOTAL = N_("Total")
