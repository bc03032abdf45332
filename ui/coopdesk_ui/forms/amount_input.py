"""An amount of money as the user typed it in a form: read in the book's locale, or why not.

Every form that takes an amount (a payment, a plan's amount, a reduced rate) says the same when
the text is not an amount: the text itself and an amount written the way the locale writes
them, which tells a treasurer more than the parser's own words would. Each form then checks the
sign its amount must have.
"""

from __future__ import annotations

from coopdesk.formatting import Formatter, ParseError
from coopdesk.i18n import _
from coopdesk.money import Money, Rounding


def read_amount(text: str, formatter: Formatter, currency: str, *,
                missing: str) -> tuple[Money | None, str]:
    """The amount of `currency` typed in `text`, or None and why it is not one (`missing`
    when nothing was typed)."""
    text = text.strip()
    if not text:
        return None, missing
    try:
        return formatter.parse_money(text, currency), ""
    except ParseError:
        # Rounded to the currency's unit: "1,234" for yen, "1,234.500" for dinars.
        example = formatter.money(Money.of("1234.5", currency, Rounding.DOWN), with_symbol=False)
        return None, _("\u201c{text}\u201d is not an amount: type it like {example}.").format(
            text=text, example=example)
