"""Every word the patronage documents print, marked for translation (`N_`).

The written notice of allocation (`notice_wording`) is read in the member's language and the
board's allocation table (`allocation_pdf`) in the book's; both look these message ids up with
`i18n.translations(locale).gettext`, never the app's `_`. Placeholders in braces are filled
after translation, so a translator may move them. Words shared with statements (the page
number, "{start} to {end}") are the statements' own (`coopdesk.statements.labels`).
"""

from __future__ import annotations

from coopdesk.i18n import N_

# -- the written notice of allocation ---------------------------------------------------------

NOTICE_TITLE = N_("Notice of allocation of patronage dividends")
NOTICE_DOCUMENT_TITLE = N_("Notice of allocation of patronage dividends, fiscal year {year}")
NOTICE_DATE = N_("Date")
FISCAL_YEAR = N_("Fiscal year")
NOTICE_INTRO = N_("The co-op's surplus of {surplus} for the year was allocated to its members "
                  "by patronage: {total} in all.")
NOTICE_POSTED = N_("The allocation was decided by the board and recorded on {date}.")

YOUR_PATRONAGE = N_("Your patronage")
COLUMN_POOL = N_("Pool")
COLUMN_PATRONAGE = N_("Patronage")
COLUMN_ALLOCATION = N_("Allocation")
#: A pool named by its measure and the member class it is for: "Hours worked (Worker)".
POOL_NAMED = N_("{measure} ({members})")
EVERY_MEMBER = N_("all members")
#: A quantity with its unit: "1,200.5 hours".
QUANTITY_UNIT = N_("{quantity} {unit}")

YOUR_ALLOCATION = N_("Your allocation")
PAID_IN_CASH = N_("Paid to you in cash")
RETAINED = N_("Retained in your capital account")
CASH_BELOW_MINIMUM = N_("Your cash part was below the minimum payout of {amount}, so all of "
                        "your allocation was retained in your capital account.")

CAPITAL_ACCOUNT = N_("Your capital account")
BALANCE_BEFORE = N_("Balance before this allocation")
CREDITED = N_("Retained from this allocation")
REDEEMED = N_("Redeemed on {date}")
BALANCE_AFTER = N_("Balance on {date}")

QUALIFIED = N_("This is a qualified written notice of allocation. By their membership, members "
               "have agreed to include it in income in the year received.")
NOT_QUALIFIED = N_("This is not a qualified written notice of allocation: the retained part is "
                   "taxed when it is redeemed, not in the year received.")
KEEP = N_("Please keep this notice with your tax records.")

# -- the board's allocation table ----------------------------------------------------------

TABLE_TITLE = N_("Patronage allocation, fiscal year {year}")
DRAFT = N_("Draft")
DRAFT_NOTE = N_("Draft for the board: not posted. Figures may change until the allocation is "
                "posted.")
POSTED_ON = N_("Posted on {date}")
PRINTED_ON = N_("Printed on {date}")
TERMS = N_("Terms")
TOTALS = N_("Totals")
SURPLUS = N_("Surplus of the year")
SURPLUS_FROM_LEDGER = N_("from the ledger: income less expenses")
SURPLUS_ENTERED = N_("entered by the board")
NON_MEMBER = N_("Earned from non-members (to the reserve)")
RESERVE = N_("Unallocated reserve ({percent})")
POOL_SHARE = N_("{pool} ({percent})")
POOL_UNALLOCATED = N_("{pool} ({percent}): no eligible member, to the reserve")
CASH_PERCENT = N_("Paid in cash")
MIN_PAYOUT = N_("Minimum cash payout")
NOT_QUALIFIED_NOTE = N_("Below {percent} in cash: the notices are not qualified written notices "
                        "of allocation.")
ALLOCATED = N_("Allocated to members")
CASH = N_("Cash")
RETAINED_TOTAL = N_("Retained")
TO_RESERVE = N_("To the reserve")
MEMBERS_COUNT = N_("Members")
COLUMN_NUMBER = N_("No.")
COLUMN_NAME = N_("Member")
COLUMN_CASH = N_("Cash")
COLUMN_RETAINED = N_("Retained")
TOTAL_ROW = N_("Total")
EXCLUDED = N_("Members with patronage who do not share")
COLUMN_WHY = N_("Why")
NO_MEMBERS = N_("No member shares in this allocation.")

#: Why a member with patronage does not share, as `patronage.run` says it (English, by
#: its start), in the words a translator can reach.
WHY_NOT_MEMBER = N_("not a member during the year")
WHY_LEFT = N_("left before the year began")
WHY_STANDING = N_("not in good standing at the year's end")
WHY_MINIMUM = N_("below the pool's minimum")
WHY_NONE = N_("no patronage")
