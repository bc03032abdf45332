"""Shared risk funds: members as each other's mutual assurance.

A fund keeps its money on an account of its own (`service`), fed by members' monthly
contributions, charged by the dues run under the fund's own plan or split off each dues payment
(`contributions`). Members claim on it (`claims`); each claim is checked against the fund's
policy when decided (`policy`, pure) and paid out once or month by month. At a year end the
part of a member's share above the fund's cap goes back to them as credit (`refunds`).
Reports are plain rows (`queries`); `audit` ties each fund to its postings for `coopdesk check`;
`solvency` projects how long the fund lasts.
"""
