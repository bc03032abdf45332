"""Whether a member can be checked in at the door, and if not why, in the app's language.

The core (`meetings.service.record_attendance`) is the authority and refuses the same cases, but
in English sentences naming reason codes, for the command line. The door must say plainly and
at once "Ben Late may not vote: in arrears on the record date", so the screen asks these rules
first, on the meeting's state it already shows, and writes only what they accept; a refusal of
the core that they did not foresee (another window wrote meanwhile) is still shown as it says.
"""

from __future__ import annotations

from coopdesk.formatting import Formatter
from coopdesk.i18n import _, ngettext
from coopdesk.meetings.eligibility import VoterRow
from coopdesk.meetings.queries import MeetingState
from coopdesk_ui.screens.meeting_labels import may_not_vote


def voter(state: MeetingState, number: str) -> VoterRow | None:
    """The register's member numbered `number`, with their eligibility."""
    for row in state.voters:
        if row.number == number:
            return row
    return None


def recorded_how(state: MeetingState, member: VoterRow) -> str:
    """"" when `member` is not recorded yet; else a sentence saying how they are."""
    for row in state.attendance:
        if row.member_number == member.number:
            if row.proxy_holder_number is None:
                return _("{name} is already recorded as present.").format(name=member.name)
            return _("{name} is already represented by the proxy of {holder}.").format(
                name=member.name, holder=row.proxy_holder_name or row.proxy_holder_number)
    return ""


def check_in_refusal(state: MeetingState, number: str, formatter: Formatter) -> str:
    """Why member `number` cannot be recorded as present ("" when they can)."""
    member = voter(state, number)
    if member is None:
        return _("No member has the number \u201c{number}\u201d.").format(number=number)
    if not member.eligible:
        return may_not_vote(member, formatter)
    return recorded_how(state, member)


def proxy_member_refusal(state: MeetingState, number: str, formatter: Formatter) -> str:
    """Why member `number` cannot be represented by a proxy ("" when they can, given a holder)."""
    if not state.meeting.proxies_allowed:
        return _("This meeting does not allow proxies.")
    return check_in_refusal(state, number, formatter)


def proxy_holder_refusal(state: MeetingState, member_number: str | None, holder_number: str,
                         formatter: Formatter) -> str:
    """Why member `holder_number` cannot hold the proxy of `member_number` ("" when they can):
    the holder must be an eligible voter, present in person, under the meeting's maximum."""
    holder = voter(state, holder_number)
    if holder is None:
        return _("No member has the number \u201c{number}\u201d.").format(number=holder_number)
    if holder_number == member_number:
        return _("A member cannot hold their own proxy.")
    if not holder.eligible:
        return _("{refusal} So they cannot hold a proxy.").format(
            refusal=may_not_vote(holder, formatter))
    present = any(row.member_number == holder_number and row.proxy_holder_number is None
                  for row in state.attendance)
    if not present:
        return _("{name} must be recorded as present to hold a proxy.").format(name=holder.name)
    held = held_proxies(state, holder_number)
    maximum = state.meeting.max_proxies
    if maximum is not None and held >= maximum:
        return ngettext("{name} already holds {count} proxy, the most this meeting allows.",
                        "{name} already holds {count} proxies, the most this meeting allows.",
                        held).format(name=holder.name, count=held)
    return ""


def held_proxies(state: MeetingState, number: str) -> int:
    """How many members member `number` represents."""
    return sum(1 for row in state.attendance if row.proxy_holder_number == number)


def removal_refusal(state: MeetingState, number: str) -> str:
    """Why member `number`'s attendance cannot be removed now ("" when it can): a holder's
    proxies go first, so no one is left represented by someone who is not there."""
    held = held_proxies(state, number)
    if not held:
        return ""
    member = voter(state, number)
    name = member.name if member is not None else number
    return ngettext("{name} holds {count} proxy: remove it first.",
                    "{name} holds {count} proxies: remove those first.", held).format(
        name=name, count=held)
