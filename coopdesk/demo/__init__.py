"""A demo co-op: a realistic book in which a treasurer trying coopdesk finds every screen filled.

An empty book shows empty screens, and a treasurer deciding whether coopdesk suits their co-op
must see at once what it does with arrears, prepayment credit, households and members who left;
screenshots, manual pages and developers need the same. `build_demo` writes such a book:
"Riverside Food Co-op", 60 members by default, whose books run over the last three years up to
the current month. It contains:

- members with plausible, varied, international names (accents included), postal addresses,
  e-mail and phone for most, a preferred language (es, fr, de) for some, all four default
  member classes, one organisation and one member living abroad;
- two dues plans, "Standard — 1.00 a month" and "Reduced — 0.50 a month" (a handful of members);
- households: a few members whose partner or child is a member too, and who pay for both;
- most members paying in the month their dues fall due, by bank transfer, cash or cheque; a few
  paying a year ahead (prepayment credit); one who missed three months and caught up at once;
- a few in arrears, from two to five months (in grace and lapsed), and a member who joined this
  month and has not paid yet (pending);
- members who withdrew, one who died, and one who left owing a month that was later written off;
- a hardship waiver of six months, with its reason;
- a payment recorded against the wrong member, reversed, and recorded for the right one;
- the co-op's other money: opening bank balance and cash float, hall rent, insurance, newsletter
  printing, bank charges, bulk-order handling fees, a grant, donations, and the cash taken in
  deposited at the bank each quarter.

Everything is written through the app's public services, the ones its screens and commands
call, so the book holds only what the app itself could have written and `coopdesk check` passes
on it; each month is one transaction (see `simulation`). Everything is drawn from
`random.Random(seed)` and dated relative to `today`: a seed and a day always give the same co-op
(the audit timestamps of postings and of register changes aside).

The modules, in the order they build on each other: `coop` (name, currency, plans), `calendar`
(the demo's months), `names` (people and their contact details), `people` (the cast's
vocabulary), `stories` (drawing the cast and their life stories), `habits` (what each member
pays, month by month), `other_money` (the co-op's bills and income), `simulation` (playing the
months through the services) and `build` (`build_demo`).
"""

from coopdesk.demo.build import MAX_MEMBERS, MAX_YEARS, MIN_MEMBERS, MIN_YEARS, DemoSummary, build_demo
from coopdesk.demo.coop import COOP_NAME, CURRENCY, PLAN_RATES, REDUCED_PLAN, STANDARD_PLAN

__all__ = [
    "COOP_NAME", "CURRENCY", "MAX_MEMBERS", "MAX_YEARS", "MIN_MEMBERS", "MIN_YEARS", "PLAN_RATES",
    "REDUCED_PLAN", "STANDARD_PLAN", "DemoSummary", "build_demo",
]
