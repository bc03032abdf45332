"""A dues plan's name and amount as typed, read and checked the same way by both plan forms.

Two forms add plans: the Dues screen's "New plan" (every term, written at once) and the simple
one of the settings dialog and new-book wizard (name, amount and frequency, kept until OK, and
in the wizard before the book exists). They show the same problems in the same words, and so
does the reduced rate of the "Assign a plan" form; the core checks again when the plan is
written (`add_plan`).
"""

from __future__ import annotations

from collections.abc import Collection

from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk_ui.forms.amount_input import read_amount


def plan_name_problem(name: str, taken: Collection[str]) -> str:
    """What is wrong with `name` for a new plan ("" when nothing), given the plans' names
    already `taken` (a name may be used once, whatever its case)."""
    name = name.strip().casefold()
    if not name:
        return _("A plan needs a name.")
    if name in {other.strip().casefold() for other in taken}:
        return _("There is already a plan with this name.")
    return ""


def read_plan_amount(text: str, formatter: Formatter, currency: str) -> tuple[Money | None, str]:
    """The amount per period typed in `text` (as `formatter`'s locale writes amounts of
    `currency`; zero is an amount: a plan may be free), or None and why it is not one."""
    amount, problem = read_amount(text, formatter, currency,
                                  missing=_("Say how much a member pays each period."))
    if amount is not None and amount.is_negative:
        return None, _("The amount cannot be negative.")
    return amount, problem
