"""How the Annual meeting screen words what the core stores: kinds of meeting, why a member may
not vote, the quorum rule, how a member attends.

The core keeps codes (`eligibility.REASONS`' keys, `service.KINDS`) and English sentences for
the command line; the screen says them in the app's language, with labels marked here with N_
and translated when shown, so tables, banners and forms say the same thing the same way.
"""

from __future__ import annotations

import datetime as dt

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _, ngettext
from coopdesk.meetings.eligibility import VoterRow
from coopdesk.meetings.quorum import Combine, QuorumRule
from coopdesk_ui.models.code_labels import code_label
from coopdesk_ui.models.member_labels import member_text

KIND_LABELS: dict[str, str] = {
    "annual": N_("Annual"),
    "special": N_("Special"),
}

#: Why a member may not vote (the codes of `coopdesk.meetings.eligibility.REASONS`).
REASON_LABELS: dict[str, str] = {
    "not_joined": N_("not a member on the record date"),
    "left": N_("left before the record date"),
    "no_vote": N_("member class without a vote"),
    "pending": N_("first dues not paid by the record date"),
    "in_arrears": N_("in arrears on the record date"),
    "status": N_("not in good standing (set in the register)"),
}


def kind_label(kind: str) -> str:
    """"Annual" or "Special", translated."""
    return code_label(KIND_LABELS, kind)


def default_title(kind: str, meeting_date: dt.date, formatter: Formatter) -> str:
    """The title a meeting gets when the treasurer leaves it empty, in the app's language
    (the core's own default is English, for the command line)."""
    if kind == "special":
        return _("Special meeting of {date}").format(date=formatter.date(meeting_date, "long"))
    return _("Annual meeting {year}").format(year=meeting_date.year)


def reason_text(voter: VoterRow, formatter: Formatter, *, short: bool = False) -> str:
    """Why `voter` may not vote, in words ("" when they may): with the day they left, or how
    many months they were behind, when the core says. `short` leaves out "on the record date"
    where a table's heading says it already."""
    if voter.reason is None:
        return ""
    if voter.reason == "left" and voter.left_on is not None:
        return _("left on {date}").format(date=formatter.date(voter.left_on))
    if voter.reason == "in_arrears" and voter.months_in_arrears and short:
        return ngettext("in arrears ({months} month)", "in arrears ({months} months)",
                        voter.months_in_arrears).format(months=voter.months_in_arrears)
    if voter.reason == "in_arrears" and voter.months_in_arrears:
        return ngettext("in arrears on the record date ({months} month)",
                        "in arrears on the record date ({months} months)",
                        voter.months_in_arrears).format(months=voter.months_in_arrears)
    return code_label(REASON_LABELS, voter.reason)


def may_not_vote(voter: VoterRow, formatter: Formatter) -> str:
    """The refusal at the door: "Ben Late may not vote: in arrears on the record date"; a
    class without a vote is named, as no column beside the banner says it."""
    reason = reason_text(voter, formatter)
    if voter.reason == "no_vote" and voter.class_name:
        reason = _("the class \u201c{name}\u201d does not vote").format(name=voter.class_name)
    return _("{name} may not vote: {reason}.").format(name=voter.name, reason=reason)


def class_text(voter: VoterRow) -> str:
    """The member's class by name ("" without one)."""
    return voter.class_name or voter.class_code or ""


def quorum_text(rule: QuorumRule, formatter: Formatter) -> str:
    """The quorum rule in words: "10% of the eligible voters or 5 members, whichever is
    greater"."""
    parts = []
    if rule.percent is not None:
        parts.append(_("{percent} of the eligible voters").format(
            percent=formatter.percent(rule.percent / 100, exact=True)))
    if rule.number is not None:
        parts.append(ngettext("{count} member", "{count} members", rule.number).format(
            count=formatter.number(rule.number)))
    if len(parts) == 2:
        whichever = (_("whichever is greater") if rule.combine is Combine.GREATER
                     else _("whichever is lesser"))
        return _("{first} or {second}, {whichever}").format(first=parts[0], second=parts[1],
                                                           whichever=whichever)
    return parts[0] if parts else ""


def proxies_text(allowed: bool, maximum: int | None) -> str:
    """The proxy rule in words."""
    if not allowed:
        return _("No proxies")
    if maximum is None:
        return _("Proxies allowed, no maximum")
    return ngettext("Proxies allowed, at most {count} per member",
                    "Proxies allowed, at most {count} per member", maximum).format(count=maximum)


def attends_text(holder_number: str | None, holder_name: str | None) -> str:
    """How a member attends: "Present", or "By proxy of 12 — Ana Ruiz"."""
    if holder_number is None:
        return _("Present")
    return _("By proxy of {member}").format(member=member_text(holder_number, holder_name or ""))
