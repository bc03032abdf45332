"""How the member register's coded values read for the user: statuses, kinds, leave reasons
and field names, translated where shown (the core keeps the codes); and how a member is named
in lists and fields ("12 — Ana Ruiz")."""

from __future__ import annotations

from coopdesk.i18n import N_
from coopdesk.members.types import LeaveReason, MemberKind, Status
from coopdesk_ui.models.code_labels import code_label

STATUS_LABELS: dict[str, str] = {
    Status.PENDING: N_("Pending"),
    Status.ACTIVE: N_("Active"),
    Status.IN_GRACE: N_("In grace"),
    Status.LAPSED: N_("Lapsed"),
    Status.WITHDRAWN: N_("Withdrawn"),
    Status.DECEASED: N_("Deceased"),
}
#: The order statuses sort in: from members in good standing to those who left.
STATUS_ORDER: dict[str, int] = {status: n for n, status in enumerate(
    (Status.ACTIVE, Status.IN_GRACE, Status.LAPSED, Status.PENDING, Status.WITHDRAWN,
     Status.DECEASED))}

KIND_LABELS: dict[str, str] = {
    MemberKind.PERSON: N_("Person"),
    MemberKind.ORGANISATION: N_("Organisation"),
}

LEAVE_REASON_LABELS: dict[str, str] = {
    LeaveReason.WITHDREW: N_("Withdrew"),
    LeaveReason.DECEASED: N_("Deceased"),
    LeaveReason.EXPELLED: N_("Expelled"),
    LeaveReason.OTHER: N_("Other reason"),
}

#: The register's fields, as the change history and the form name them.
FIELD_LABELS: dict[str, str] = {
    "created": N_("Added to the register"),
    "number": N_("Number"),
    "display_name": N_("Name"),
    "sort_name": N_("Sort name"),
    "kind": N_("Kind"),
    "class_code": N_("Class"),
    "join_date": N_("Joined"),
    "leave_date": N_("Left"),
    "leave_reason": N_("Reason for leaving"),
    "address_lines": N_("Address"),
    "postal_code": N_("Postal code"),
    "city": N_("City"),
    "region": N_("Region"),
    "country": N_("Country"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "language": N_("Language"),
    "payer_number": N_("Paid for by"),
    "notes": N_("Notes"),
    "status_override": N_("Status set by hand"),
    "status_override_reason": N_("Why the status was set by hand"),
}


def member_text(number: str, name: str) -> str:
    """How a member is written in lists and in the member field: "12 — Ana Ruiz"."""
    return f"{number} \N{EM DASH} {name}" if name else number


def status_label(status: str) -> str:
    """"In grace" for "in_grace"; an unknown code as it is."""
    return code_label(STATUS_LABELS, status)


def kind_label(kind: str) -> str:
    return code_label(KIND_LABELS, kind)


def leave_reason_label(reason: str) -> str:
    return code_label(LEAVE_REASON_LABELS, reason)


def field_label(field: str) -> str:
    return code_label(FIELD_LABELS, field)
