"""The words a user reads for the codes the core stores ("in_grace" reads "In grace").

The core keeps codes; each table or form that shows one holds a dict of its labels marked with
`N_`, translated here when shown, so a language chosen later applies to them too.
"""

from __future__ import annotations

from collections.abc import Mapping

from coopdesk.i18n import _


def code_label(labels: Mapping[str, str], code: str) -> str:
    """`code`'s label in `labels`, translated; a code without a label as it is (a newer
    book's code reads better than nothing)."""
    label = labels.get(code)
    return _(label) if label is not None else code
