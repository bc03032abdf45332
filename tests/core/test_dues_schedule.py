"""Dues schedules: which periods a member owes for, and how much, at every calendar edge."""

from __future__ import annotations

import ast
import calendar
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import coopdesk.dues
from coopdesk.dues.schedule import (
    Due,
    Frequency,
    Period,
    PeriodBasis,
    PlanTerms,
    Proration,
    due_periods,
    plan_terms_problems,
)
from coopdesk.money import Money

FIXED = PeriodBasis.FIXED
ROLLING = PeriodBasis.ROLLING
MONTHLY = Frequency.MONTHLY
QUARTERLY = Frequency.QUARTERLY
YEARLY = Frequency.YEARLY


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def yearly(
    amount: str = "12.00",
    *,
    year_start_month: int = 1,
    rollover_day: int | None = None,
    proration: Proration = Proration.NONE,
) -> PlanTerms:
    return PlanTerms(usd(amount), YEARLY, FIXED, year_start_month, rollover_day, proration)


def starts(dues: list[Due]) -> list[date]:
    return [due.period.start for due in dues]


def keys(dues: list[Due]) -> list[str]:
    return [due.period.key for due in dues]


def amounts(dues: list[Due]) -> list[str]:
    return [str(due.amount.amount) for due in dues]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# --- the module stays pure -----------------------------------------------------------------------


def test_schedule_imports_only_the_standard_library_and_money() -> None:
    package = Path(coopdesk.dues.__file__).parent
    for module in ("schedule.py", "periods.py"):
        tree = ast.parse((package / module).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or name in {
                    "coopdesk.money",
                    "coopdesk.dues.periods",
                }, f"{module} imports {name}"


# --- fixed calendar years: proration and rollover ------------------------------------------------


def test_joining_on_the_first_day_of_the_year_is_charged_in_full() -> None:
    terms = yearly(proration=Proration.BY_DAY)
    dues = due_periods(terms, date(2026, 1, 1), None, date(2026, 12, 31))
    assert [(d.period.key, str(d.amount.amount), d.prorated) for d in dues] == [
        ("2026", "12.00", False)
    ]


@pytest.mark.parametrize(
    ("proration", "expected", "prorated"),
    [
        (Proration.NONE, "12.00", False),
        (Proration.BY_MONTH, "2.00", True),  # November and December of 12 months
        (Proration.BY_DAY, "1.55", True),  # 12.00 x 47 / 365 = 1.5452... rounded half up
    ],
)
def test_joining_in_november_is_prorated_as_the_plan_says(
    proration: Proration, expected: str, prorated: bool
) -> None:
    dues = due_periods(yearly(proration=proration), date(2026, 11, 15), None, date(2027, 12, 31))
    assert keys(dues) == ["2026", "2027"]
    assert amounts(dues) == [expected, "12.00"]
    assert [d.prorated for d in dues] == [prorated, False]


def test_joining_on_the_last_day_of_the_year() -> None:
    joined = date(2026, 12, 31)
    by_day = due_periods(yearly(proration=Proration.BY_DAY), joined, None, date(2026, 12, 31))
    by_month = due_periods(yearly(proration=Proration.BY_MONTH), joined, None, date(2026, 12, 31))
    assert amounts(by_day) == ["0.03"]  # 12.00 / 365 = 0.0328...
    assert amounts(by_month) == ["1.00"]


def test_by_month_counts_the_join_month_whole() -> None:
    terms = yearly(proration=Proration.BY_MONTH)
    first_of_feb = due_periods(terms, date(2026, 2, 1), None, date(2026, 12, 31))
    end_of_jan = due_periods(terms, date(2026, 1, 31), None, date(2026, 12, 31))
    assert amounts(first_of_feb) == ["11.00"] and first_of_feb[0].prorated
    assert amounts(end_of_jan) == ["12.00"] and not end_of_jan[0].prorated


def test_proration_rounds_exact_halves_up() -> None:
    # 2028 is a leap year: 183 of 366 days are left from 2 July, exactly half.
    joined = date(2028, 7, 2)
    through = date(2028, 12, 31)
    for amount, expected in (("0.01", "0.01"), ("0.05", "0.03"), ("1.00", "0.50")):
        terms = yearly(amount, proration=Proration.BY_DAY)
        assert amounts(due_periods(terms, joined, None, through)) == [expected]
    # 0.01 x 6 / 12 months is 0.005: half up, not half even.
    half_year = due_periods(yearly("0.01", proration=Proration.BY_MONTH), joined, None, through)
    assert amounts(half_year) == ["0.01"]


def test_proration_is_exact_on_huge_amounts() -> None:
    units = 10**40 + 7  # far beyond the default 28-digit Decimal precision
    terms = PlanTerms(Money.from_minor(units, "USD"), YEARLY, FIXED, proration=Proration.BY_DAY)
    dues = due_periods(terms, date(2026, 11, 15), None, date(2026, 12, 31))
    assert dues[0].amount.minor_units == (2 * units * 47 + 365) // (2 * 365)


def test_a_prorated_charge_that_rounds_to_nothing_is_left_out() -> None:
    terms = yearly("0.01", proration=Proration.BY_DAY)
    assert starts(due_periods(terms, date(2026, 12, 31), None, date(2027, 1, 31))) == [
        date(2027, 1, 1)
    ]


@pytest.mark.parametrize(
    ("joined", "first_key", "first_amount"),
    [
        (date(2026, 10, 31), "2026", "3.00"),  # day 304
        (date(2026, 11, 1), "2026", "2.00"),  # day 305, the rollover day itself
        (date(2026, 11, 2), "2027", "12.00"),  # day 306: buys the rest of 2026 with 2027
        (date(2028, 10, 31), "2028", "3.00"),  # day 305 of a leap year
        (date(2028, 11, 1), "2029", "12.00"),  # day 306 of a leap year
    ],
)
def test_rollover_day(joined: date, first_key: str, first_amount: str) -> None:
    terms = yearly(rollover_day=305, proration=Proration.BY_MONTH)
    dues = due_periods(terms, joined, None, date(joined.year + 1, 12, 31))
    assert (dues[0].period.key, str(dues[0].amount.amount)) == (first_key, first_amount)
    assert not dues[-1].prorated and dues[-1].period.start.year == joined.year + 1


def test_a_rolled_over_member_owes_nothing_until_the_next_period() -> None:
    terms = yearly(rollover_day=305)
    assert due_periods(terms, date(2026, 11, 20), None, date(2026, 12, 31)) == []
    assert keys(due_periods(terms, date(2026, 11, 20), None, date(2027, 1, 31))) == ["2027"]


def test_a_rolled_over_member_who_leaves_before_the_next_period_owes_nothing() -> None:
    terms = yearly(rollover_day=305)
    assert due_periods(terms, date(2026, 11, 20), date(2026, 12, 31), date(2030, 1, 31)) == []


def test_monthly_rollover_day() -> None:
    terms = PlanTerms(usd("10.00"), MONTHLY, FIXED, rollover_day=20, proration=Proration.BY_DAY)
    on_the_day = due_periods(terms, date(2026, 4, 20), None, date(2026, 5, 31))
    after = due_periods(terms, date(2026, 4, 21), None, date(2026, 5, 31))
    assert amounts(on_the_day) == ["3.67", "10.00"]  # 11 of 30 days
    assert keys(after) == ["2026-05"]


# --- fiscal years and quarters ------------------------------------------------------------------


def test_fiscal_year_from_july() -> None:
    terms = yearly(year_start_month=7, proration=Proration.BY_MONTH)
    dues = due_periods(terms, date(2026, 3, 10), None, date(2027, 7, 31))
    assert [(d.period.start, d.period.end) for d in dues] == [
        (date(2025, 7, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2027, 6, 30)),
        (date(2027, 7, 1), date(2028, 6, 30)),
    ]
    assert keys(dues) == ["FY2025/2026", "FY2026/2027", "FY2027/2028"]
    assert amounts(dues) == ["4.00", "12.00", "12.00"]  # March to June: 4 of 12 months


def test_fiscal_year_by_day_counts_the_leap_day_in_its_year() -> None:
    terms = yearly("36.60", year_start_month=7, proration=Proration.BY_DAY)
    dues = due_periods(terms, date(2028, 6, 1), None, date(2028, 6, 30))
    assert amounts(dues) == ["3.00"]  # 30 of the 366 days from July 2027 to June 2028


def test_calendar_quarters() -> None:
    terms = PlanTerms(usd("30.00"), QUARTERLY, FIXED, proration=Proration.BY_MONTH)
    dues = due_periods(terms, date(2026, 2, 14), None, date(2027, 1, 31))
    assert keys(dues) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]
    assert starts(dues) == [date(2026, m, 1) for m in (1, 4, 7, 10)] + [date(2027, 1, 1)]
    assert [d.period.end for d in dues[:2]] == [date(2026, 3, 31), date(2026, 6, 30)]
    assert amounts(dues) == ["20.00", "30.00", "30.00", "30.00", "30.00"]


def test_fiscal_quarters_follow_the_year_start() -> None:
    terms = PlanTerms(usd("30.00"), QUARTERLY, FIXED, year_start_month=7)
    dues = due_periods(terms, date(2026, 8, 1), None, date(2027, 7, 1))
    assert keys(dues) == [
        "FY2026/2027-Q1",
        "FY2026/2027-Q2",
        "FY2026/2027-Q3",
        "FY2026/2027-Q4",
        "FY2027/2028-Q1",
    ]
    assert starts(dues) == [date(2026, m, 1) for m in (7, 10)] + [
        date(2027, m, 1) for m in (1, 4, 7)
    ]


def test_quarters_that_straddle_new_year() -> None:
    terms = PlanTerms(usd("30.00"), QUARTERLY, FIXED, year_start_month=2)
    dues = due_periods(terms, date(2027, 1, 5), None, date(2027, 2, 28))
    assert [(d.period.key, d.period.start, d.period.end) for d in dues] == [
        ("FY2026/2027-Q4", date(2026, 11, 1), date(2027, 1, 31)),
        ("FY2027/2028-Q1", date(2027, 2, 1), date(2027, 4, 30)),
    ]


def test_monthly_fixed_periods_are_calendar_months_whatever_the_year_start() -> None:
    terms = PlanTerms(usd("5.00"), MONTHLY, FIXED, year_start_month=7)
    dues = due_periods(terms, date(2028, 1, 31), None, date(2028, 3, 31))
    assert keys(dues) == ["2028-01", "2028-02", "2028-03"]
    assert [d.period.end for d in dues] == [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)]


# --- rolling periods ---------------------------------------------------------------------------


def test_rolling_months_from_the_31st_clamp_without_drifting() -> None:
    terms = PlanTerms(usd("5.00"), MONTHLY, ROLLING)
    dues = due_periods(terms, date(2028, 1, 31), None, date(2028, 5, 31))
    assert starts(dues) == [
        date(2028, 1, 31),
        date(2028, 2, 29),
        date(2028, 3, 31),
        date(2028, 4, 30),
        date(2028, 5, 31),
    ]
    assert [d.period.end for d in dues[:3]] == [
        date(2028, 2, 28),
        date(2028, 3, 30),
        date(2028, 4, 29),
    ]
    assert keys(dues)[:2] == ["R2028-01-31", "R2028-02-29"]


def test_rolling_month_is_a_calendar_month_not_30_days() -> None:
    terms = PlanTerms(usd("5.00"), MONTHLY, ROLLING)
    assert starts(due_periods(terms, date(2026, 1, 1), None, date(2026, 3, 31))) == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]


def test_rolling_years_from_29_february() -> None:
    terms = PlanTerms(usd("50.00"), YEARLY, ROLLING)
    dues = due_periods(terms, date(2024, 2, 29), None, date(2028, 12, 31))
    assert starts(dues) == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]
    assert [d.period.end for d in dues] == [
        date(2025, 2, 27),
        date(2026, 2, 27),
        date(2027, 2, 27),
        date(2028, 2, 28),
        date(2029, 2, 27),
    ]


def test_rolling_quarters_from_30_november() -> None:
    terms = PlanTerms(usd("15.00"), QUARTERLY, ROLLING)
    dues = due_periods(terms, date(2025, 11, 30), None, date(2026, 12, 31))
    assert starts(dues) == [
        date(2025, 11, 30),
        date(2026, 2, 28),
        date(2026, 5, 30),
        date(2026, 8, 30),
        date(2026, 11, 30),
    ]
    assert amounts(dues) == ["15.00"] * 5 and not any(d.prorated for d in dues)


# --- leaving, through, waivers and reduced amounts -----------------------------------------------


def test_leaving_on_the_first_day_of_a_period_owes_that_period_in_full() -> None:
    terms = PlanTerms(usd("10.00"), MONTHLY, FIXED)
    dues = due_periods(terms, date(2026, 1, 1), date(2026, 4, 1), date(2026, 12, 31))
    assert keys(dues) == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert amounts(dues)[-1] == "10.00"


def test_leaving_on_the_last_day_of_a_period_owes_nothing_after_it() -> None:
    terms = PlanTerms(usd("10.00"), MONTHLY, FIXED)
    dues = due_periods(terms, date(2026, 1, 1), date(2026, 3, 31), date(2026, 12, 31))
    assert keys(dues) == ["2026-01", "2026-02", "2026-03"]


def test_leaving_a_rolling_plan_the_day_before_a_period() -> None:
    terms = PlanTerms(usd("10.00"), MONTHLY, ROLLING)
    dues = due_periods(terms, date(2026, 1, 15), date(2026, 3, 14), date(2026, 12, 31))
    assert keys(dues) == ["R2026-01-15", "R2026-02-15"]
    staying = due_periods(terms, date(2026, 1, 15), date(2026, 3, 15), date(2026, 12, 31))
    assert keys(staying)[-1] == "R2026-03-15"


def test_joining_and_leaving_on_the_same_day() -> None:
    terms = yearly(proration=Proration.BY_DAY)
    dues = due_periods(terms, date(2026, 11, 15), date(2026, 11, 15), date(2030, 12, 31))
    assert amounts(dues) == ["1.55"]


def test_through_before_start_gives_nothing() -> None:
    terms = yearly()
    assert due_periods(terms, date(2026, 3, 15), None, date(2026, 2, 28)) == []
    assert due_periods(terms, date(2026, 3, 15), None, date(2026, 3, 14)) == []
    assert keys(due_periods(terms, date(2026, 3, 15), None, date(2026, 3, 15))) == ["2026"]


def test_through_includes_a_period_starting_on_that_day() -> None:
    terms = PlanTerms(usd("10.00"), MONTHLY, ROLLING)
    dues = due_periods(terms, date(2026, 1, 31), None, date(2026, 2, 28))
    assert starts(dues) == [date(2026, 1, 31), date(2026, 2, 28)]


def test_a_waiver_yields_no_dues() -> None:
    terms = yearly(proration=Proration.BY_DAY)
    assert due_periods(terms, date(2026, 5, 1), None, date(2030, 12, 31), amount=usd("0")) == []


def test_a_free_plan_yields_no_dues() -> None:
    assert due_periods(yearly("0.00"), date(2026, 5, 1), None, date(2030, 12, 31)) == []


def test_a_reduced_amount_is_charged_and_prorated() -> None:
    terms = yearly(proration=Proration.BY_MONTH)
    dues = due_periods(terms, date(2026, 11, 15), None, date(2027, 12, 31), amount=usd("6.00"))
    assert amounts(dues) == ["1.00", "6.00"]


@pytest.mark.parametrize(
    ("override", "message"),
    [(Money("5.00", "EUR"), "not in the plan's currency"), (usd("-1.00"), "cannot be negative")],
)
def test_a_bad_reduced_amount_is_refused(override: Money, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        due_periods(yearly(), date(2026, 1, 1), None, date(2026, 12, 31), amount=override)


def test_leaving_before_joining_is_refused() -> None:
    with pytest.raises(ValueError, match="before joining"):
        due_periods(yearly(), date(2026, 5, 1), date(2026, 4, 30), date(2026, 12, 31))


def test_datetimes_are_refused() -> None:
    with pytest.raises(TypeError, match="through must be a date"):
        due_periods(yearly(), date(2026, 5, 1), None, datetime(2026, 12, 31, 12, 0))


# --- a plan change mid-membership --------------------------------------------------------------


def test_a_plan_change_starts_with_the_next_full_period() -> None:
    terms = yearly(rollover_day=10, proration=Proration.BY_DAY)
    changed = due_periods(
        terms, date(2026, 3, 15), None, date(2028, 1, 31), first_period_is_joining=False
    )
    assert keys(changed) == ["2027", "2028"] and not any(d.prorated for d in changed)


def test_a_plan_change_on_a_period_start_charges_that_period() -> None:
    terms = PlanTerms(usd("10.00"), MONTHLY, FIXED, proration=Proration.BY_DAY)
    changed = due_periods(
        terms, date(2026, 4, 1), None, date(2026, 5, 31), first_period_is_joining=False
    )
    assert keys(changed) == ["2026-04", "2026-05"]


# --- plan terms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": usd("-1.00")}, "amount cannot be negative"),
        ({"year_start_month": 0}, "year start month must be 1 to 12"),
        ({"year_start_month": 13}, "year start month must be 1 to 12"),
        ({"rollover_day": 0}, r"rollover day must be a day of the period, 1 to 366"),
        ({"rollover_day": 367}, r"1 to 366"),
        ({"frequency": MONTHLY, "rollover_day": 32}, r"1 to 31"),
        ({"frequency": QUARTERLY, "rollover_day": 93}, r"1 to 92"),
        ({"basis": ROLLING, "rollover_day": 30}, "only applies to fixed periods"),
        ({"basis": ROLLING, "proration": Proration.BY_DAY}, "proration only applies to fixed"),
        ({"frequency": "monthly"}, "must be a Frequency"),
    ],
)
def test_invalid_terms_are_refused(changes: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {"amount": usd("12.00"), "frequency": YEARLY, "basis": FIXED}
    fields.update(changes)
    with pytest.raises(ValueError, match=message):
        PlanTerms(**fields)  # type: ignore[arg-type]


def test_every_problem_is_listed_at_once() -> None:
    problems = plan_terms_problems(usd("-1.00"), YEARLY, ROLLING, 14, 400, Proration.BY_MONTH)
    assert len(problems) == 5


def test_the_longest_rollover_days_are_accepted() -> None:
    for frequency in Frequency:
        PlanTerms(usd("1.00"), frequency, FIXED, rollover_day=frequency.longest_days)


def test_period_keys() -> None:
    def key(start: date, end: date, frequency: Frequency, first_month: int = 1) -> str:
        return Period(start, end, frequency, FIXED, first_month).key

    assert key(date(2026, 3, 1), date(2026, 3, 31), MONTHLY) == "2026-03"
    assert key(date(2026, 10, 1), date(2026, 12, 31), QUARTERLY) == "2026-Q4"
    assert key(date(2026, 1, 1), date(2026, 12, 31), YEARLY) == "2026"
    assert key(date(2026, 7, 1), date(2027, 6, 30), YEARLY, 7) == "FY2026/2027"
    assert Period(date(2026, 3, 15), date(2026, 4, 14), MONTHLY, ROLLING).key == "R2026-03-15"
    with pytest.raises(ValueError, match="before it starts"):
        Period(date(2026, 3, 15), date(2026, 3, 14), MONTHLY, FIXED)


# --- properties ----------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(1999, 1, 1), max_value=date(2031, 12, 31))


@st.composite
def plan_terms(draw: st.DrawFn) -> PlanTerms:
    frequency = draw(st.sampled_from(Frequency))
    basis = draw(st.sampled_from(PeriodBasis))
    fixed = basis is FIXED
    return PlanTerms(
        Money.from_minor(draw(st.integers(0, 10**7)), "USD"),
        frequency,
        basis,
        year_start_month=draw(st.integers(1, 12)),
        rollover_day=(
            draw(st.none() | st.integers(1, frequency.longest_days)) if fixed else None
        ),
        proration=draw(st.sampled_from(Proration)) if fixed else Proration.NONE,
    )


@st.composite
def windows(draw: st.DrawFn) -> tuple[date, date | None, date]:
    """A join date, a leaving date or None, and a through date up to ~8 years on."""
    start = draw(DAYS)
    end = draw(st.none() | st.integers(0, 3000).map(lambda n: start + timedelta(days=n)))
    through = start + timedelta(days=draw(st.integers(-60, 3000)))
    return start, end, through


def calendar_months_between(first: date, after_last: date) -> int:
    return (after_last.year - first.year) * 12 + after_last.month - first.month


@given(terms=plan_terms(), window=windows(), joining=st.booleans())
def test_periods_are_contiguous_well_formed_and_within_the_window(
    terms: PlanTerms, window: tuple[date, date | None, date], joining: bool
) -> None:
    start, end, through = window
    dues = due_periods(terms, start, end, through, first_period_is_joining=joining)
    months = terms.frequency.months
    for before, after in zip(dues, dues[1:]):
        assert after.period.start == before.period.end + timedelta(days=1)
    for index, due in enumerate(dues):
        period = due.period
        after_last = period.end + timedelta(days=1)
        assert period.start <= through
        assert end is None or period.start <= end
        assert period.end >= start  # never a period the member was not on the plan for
        if terms.basis is FIXED:
            assert period.start.day == 1 and after_last.day == 1
            assert calendar_months_between(period.start, after_last) == months
            if months > 1:
                assert (period.start.month - terms.year_start_month) % months == 0
        else:
            expected = shifted(start, index * months)
            assert (period.start, after_last) == (expected, shifted(start, (index + 1) * months))
    assert len({due.period.key for due in dues}) == len(dues)


def shifted(anchor: date, months: int) -> date:
    """An independent month step with end-of-month clamping."""
    year = anchor.year + (anchor.month - 1 + months) // 12
    month = (anchor.month - 1 + months) % 12 + 1
    return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


@given(terms=plan_terms(), window=windows(), joining=st.booleans())
def test_only_a_first_period_is_prorated_and_never_above_the_full_amount(
    terms: PlanTerms, window: tuple[date, date | None, date], joining: bool
) -> None:
    start, end, through = window
    dues = due_periods(terms, start, end, through, first_period_is_joining=joining)
    for index, due in enumerate(dues):
        if due.prorated:
            assert index == 0 and joining and terms.proration is not Proration.NONE
            assert due.period.start < start <= due.period.end
            assert Money.zero("USD") < due.amount <= terms.amount
        else:
            assert due.amount == terms.amount


@given(terms=plan_terms(), window=windows(), joining=st.booleans(), extra=st.integers(0, 2000))
def test_a_later_through_only_adds_periods(
    terms: PlanTerms, window: tuple[date, date | None, date], joining: bool, extra: int
) -> None:
    start, end, through = window
    earlier = due_periods(terms, start, end, through, first_period_is_joining=joining)
    later = due_periods(
        terms, start, end, through + timedelta(days=extra), first_period_is_joining=joining
    )
    assert later[: len(earlier)] == earlier


@given(
    units=st.integers(0, 10**9),
    day=st.integers(1, 28),
    year=st.integers(1999, 2031),
    first_month=st.integers(1, 12),
)
def test_monthly_proration_shrinks_as_the_join_month_gets_later(
    units: int, day: int, year: int, first_month: int
) -> None:
    full = Money.from_minor(units, "USD")
    terms = PlanTerms(full, YEARLY, FIXED, first_month, proration=Proration.BY_MONTH)
    joins = [shifted(date(year, first_month, day), n) for n in range(12)]
    charged = [
        sum((d.amount for d in due_periods(terms, joined, None, joined)), Money.zero("USD"))
        for joined in joins
    ]
    assert all(amount <= full for amount in charged)
    assert all(later <= earlier for earlier, later in zip(charged, charged[1:]))
    if units >= 12:  # a twelfth of the amount is at least a cent: every step is visible
        assert all(later < earlier for earlier, later in zip(charged, charged[1:]))
    assert charged[0] == full


@given(terms=plan_terms(), joined=DAYS)
def test_a_prorated_amount_is_the_exact_share_rounded_half_up(
    terms: PlanTerms, joined: date
) -> None:
    dues = due_periods(terms, joined, None, joined)
    if not dues or not dues[0].prorated:
        return
    period = dues[0].period
    if terms.proration is Proration.BY_DAY:
        parts, whole = (period.end - joined).days + 1, (period.end - period.start).days + 1
    else:
        parts = calendar_months_between(joined, period.end) + 1
        whole = terms.frequency.months
    units = terms.amount.minor_units
    assert dues[0].amount.minor_units == (2 * units * parts + whole) // (2 * whole)


@given(terms=plan_terms(), window=windows())
def test_a_joining_member_owes_from_the_first_period_not_skipped_by_rollover(
    terms: PlanTerms, window: tuple[date, date | None, date]
) -> None:
    start, end, through = window
    dues = due_periods(terms, start, end, through)
    if terms.amount.is_zero or through < start or not dues:
        return
    first = dues[0].period
    if first.start <= start:
        assert start <= first.end
    else:  # skipped for the rollover day, or a prorated share that rounded to nothing
        assert terms.basis is FIXED
        assert terms.rollover_day is not None or terms.proration is not Proration.NONE
        assert calendar_months_between(start, first.start) <= terms.frequency.months
