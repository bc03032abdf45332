"""What patronage is counted in, and how the members' surplus divides between member classes.

A measure has a code, a name and a unit ("hours", "USD"). A pool gives a class (or every member)
a percentage of the surplus allocated, counted in one measure, with an optional minimum of
patronage to share in it. A single-class co-op has one pool: 100 % to every member by, say,
purchases. A multi-stakeholder co-op might give 60 % to worker members by hours and 40 % to
consumer members by purchases. `set_pools` replaces the pools as a whole; an allocation keeps a
copy of the pools it used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coopdesk.changes import note_changes
from coopdesk.db.models import MemberClass, PatronageMeasure, PatronagePool
from coopdesk.errors import NotFound, ValidationError

#: Quantities are stored in thousandths of their unit (integers, as money is).
QUANTITY_PLACES = 3
_SCALE = 10 ** QUANTITY_PLACES


def to_stored(quantity: Decimal) -> int:
    """A quantity as stored: thousandths of the unit. Refuses finer quantities and floats."""
    if not isinstance(quantity, Decimal | int) or isinstance(quantity, bool):
        raise TypeError(f"a quantity must be a Decimal or int, not {type(quantity).__name__}")
    scaled = Decimal(quantity) * _SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{quantity}: at most {QUANTITY_PLACES} decimals")
    return int(scaled)


def from_stored(units: int) -> Decimal:
    return Decimal(units).scaleb(-QUANTITY_PLACES)


@dataclass(frozen=True, slots=True)
class MeasureRow:
    code: str
    name: str
    unit: str


@dataclass(frozen=True, slots=True)
class PoolDraft:
    """A pool to set: `class_code` None for every member."""

    class_code: str | None
    measure_code: str
    percent: Decimal
    min_quantity: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class PoolRow:
    id: int
    class_code: str | None
    class_name: str | None
    measure_code: str
    measure_name: str
    unit: str
    percent: Decimal
    min_quantity: Decimal

    @property
    def label(self) -> str:
        who = self.class_name or "every member"
        return f"{who} by {self.measure_name.lower()}"


def add_measure(session: Session, code: str, name: str, unit: str) -> int:
    code = code.strip().lower()
    problems = []
    if not code or not all(c.isalnum() or c in "-_" for c in code) or len(code) > 32:
        problems.append("code: letters, digits, - and _, such as hours or purchases")
    elif session.execute(select(PatronageMeasure.id).where(PatronageMeasure.code == code)).first():
        problems.append(f"code: there is already a measure {code}")
    if not name.strip():
        problems.append("name: say what is counted, such as Hours worked")
    if not unit.strip() or len(unit.strip()) > 32:
        problems.append("unit: such as hours, USD or kg")
    if problems:
        raise ValidationError(problems, subject="measure")
    measure = PatronageMeasure(code=code, name=name.strip(), unit=unit.strip())
    session.add(measure)
    session.flush()
    note_changes(session, area="patronage")
    return measure.id


def list_measures(session: Session) -> list[MeasureRow]:
    return [MeasureRow(m.code, m.name, m.unit) for m in session.execute(
        select(PatronageMeasure).order_by(PatronageMeasure.code)).scalars()]


def measure_by_code(session: Session, code: str) -> PatronageMeasure:
    measure = session.execute(select(PatronageMeasure).where(
        PatronageMeasure.code == code.strip().lower())).scalar_one_or_none()
    if measure is None:
        known = ", ".join(session.execute(select(PatronageMeasure.code)
                                          .order_by(PatronageMeasure.code)).scalars()) or "none yet"
        raise NotFound(f"no patronage measure {code!r} (measures: {known})")
    return measure


def set_pools(session: Session, pools: Sequence[PoolDraft]) -> list[int]:
    """Replace the pools; their percentages must add up to 100."""
    classes = dict(session.execute(select(MemberClass.code, MemberClass.id)).all())
    measures = dict(session.execute(select(PatronageMeasure.code, PatronageMeasure.id)).all())
    problems = []
    seen = set()
    for i, pool in enumerate(pools, start=1):
        if pool.class_code is not None and pool.class_code not in classes:
            problems.append(f"pool {i}: no member class {pool.class_code}")
        if pool.measure_code not in measures:
            problems.append(f"pool {i}: no measure {pool.measure_code}")
        try:
            if not Decimal(0) < pool.percent <= Decimal(100) or pool.min_quantity < 0:
                raise InvalidOperation
            to_stored(pool.min_quantity)
        except (InvalidOperation, ValueError):
            problems.append(f"pool {i}: a percentage above 0 and at most 100, and a minimum of 0 or more")
        key = (pool.class_code, pool.measure_code)
        if key in seen:
            problems.append(f"pool {i}: the same class and measure twice")
        seen.add(key)
    if pools and sum(p.percent for p in pools) != Decimal(100):
        problems.append(f"the pools' percentages add up to {sum(p.percent for p in pools)}, not 100")
    if problems:
        raise ValidationError(problems, subject="pools")
    session.execute(delete(PatronagePool))
    rows = [PatronagePool(class_id=classes[p.class_code] if p.class_code else None,
                          measure_id=measures[p.measure_code], percent=str(p.percent),
                          min_quantity=to_stored(p.min_quantity)) for p in pools]
    session.add_all(rows)
    session.flush()
    note_changes(session, area="patronage")
    return [row.id for row in rows]


def list_pools(session: Session) -> list[PoolRow]:
    rows = session.execute(
        select(PatronagePool, MemberClass.code, MemberClass.name, PatronageMeasure.code,
               PatronageMeasure.name, PatronageMeasure.unit)
        .outerjoin(MemberClass, MemberClass.id == PatronagePool.class_id)
        .join(PatronageMeasure, PatronageMeasure.id == PatronagePool.measure_id)
        .order_by(PatronagePool.id))
    return [PoolRow(pool.id, class_code, class_name, code, name, unit, Decimal(pool.percent),
                    from_stored(pool.min_quantity))
            for pool, class_code, class_name, code, name, unit in rows]
