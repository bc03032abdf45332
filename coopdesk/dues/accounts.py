"""The ledger accounts dues work with, by their code in the default chart."""

from __future__ import annotations

DUES_RECEIVABLE = "1100"
PREPAYMENTS = "2000"
DUES_INCOME = "4000"
DUES_WRITTEN_OFF = "5100"
CASH = "1000"
BANK = "1010"

#: Where the money of each payment method arrives.
METHOD_ACCOUNTS = {
    "cash": CASH,
    "cheque": BANK,
    "bank_transfer": BANK,
    "card": BANK,
    "other": BANK,
}
PAYMENT_METHODS = tuple(METHOD_ACCOUNTS)
