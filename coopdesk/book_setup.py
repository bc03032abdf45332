"""Setting a book up in one transaction: its settings, logo, new dues plans and member classes.

The new-book wizard and the settings dialog both gather several changes and write them on one
click, so that a refused plan leaves the settings unchanged too (the caller's transaction rolls
everything back) and the views refresh once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from coopdesk.dues.plans import add_plan
from coopdesk.logo import remove_logo, set_logo
from coopdesk.dues.schedule import Frequency, PeriodBasis, Proration, plan_terms_problems
from coopdesk.members.service import add_class
from coopdesk.money import Money
from coopdesk.settings import BookSettings, update_settings


@dataclass(frozen=True, slots=True)
class PlanDraft:
    """A simple dues plan to add: fixed periods on the fiscal year, no rollover or proration
    (the Dues screen offers the rest)."""

    name: str
    amount: Money
    frequency: Frequency


@dataclass(frozen=True, slots=True)
class ClassDraft:
    """A member class to add; `votes` says whether its members vote at meetings."""

    code: str
    name: str
    votes: bool


@dataclass(frozen=True, slots=True)
class LogoChange:
    """A new logo (an image file's bytes), or `data=None` to print without one."""

    data: bytes | None


@dataclass(frozen=True, slots=True)
class SetupResult:
    settings: BookSettings | None
    plan_ids: tuple[int, ...]
    class_ids: tuple[int, ...]


def plan_draft_problems(plan: PlanDraft, currency: str, year_start_month: int) -> list[str]:
    """Every reason `plan` cannot be added to a book keeping `currency` ("field: reason")."""
    problems = []
    if not plan.name.strip():
        problems.append("name: a plan needs a name")
    if plan.amount.currency != currency:
        problems.append(f"amount: the book keeps {currency}, not {plan.amount.currency}")
    problems += [f"amount: {problem}" for problem in plan_terms_problems(
        plan.amount, plan.frequency, PeriodBasis.FIXED, year_start_month, None, Proration.NONE)]
    return problems


def apply_setup(session: Session, settings: BookSettings | None = None,
                plans: Sequence[PlanDraft] = (), classes: Sequence[ClassDraft] = (),
                logo: LogoChange | None = None) -> SetupResult:
    """Update the settings (when given) and the logo (when changed), then add `plans` and
    `classes`, all or nothing.

    Each part is validated by its own service (`update_settings`, `add_plan`, `add_class`);
    the first refusal raises its ValidationError and the caller's transaction keeps nothing.
    """
    stored = update_settings(session, settings) if settings is not None else None
    if logo is not None:
        if logo.data is None:
            remove_logo(session)
        else:
            set_logo(session, logo.data)
    plan_ids = tuple(add_plan(session, plan.name, plan.amount, plan.frequency.value)
                     for plan in plans)
    class_ids = tuple(add_class(session, draft.code, draft.name, draft.votes) for draft in classes)
    return SetupResult(stored, plan_ids, class_ids)
