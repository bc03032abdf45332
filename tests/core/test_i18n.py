"""The gettext front: English without a catalog, and `_` follows the language in use."""

from __future__ import annotations

import gettext
from collections.abc import Iterator

import pytest

from coopdesk import i18n


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    i18n.use_language(None)


def test_without_a_catalog_text_is_english() -> None:
    i18n.use_language("xx")
    assert i18n._("Members") == "Members"
    assert i18n.ngettext("{n} member", "{n} members", 2) == "{n} members"
    assert i18n.N_("Dues") == "Dues"


def test_underscore_follows_the_language_chosen_later(monkeypatch: pytest.MonkeyPatch) -> None:
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return message.upper()

    shouting = Shouting()
    monkeypatch.setattr(i18n, "_current", i18n._current)  # put back after the test
    monkeypatch.setattr(i18n, "translations", lambda language: shouting)
    from coopdesk.i18n import _  # imported once, as modules do

    assert _("Members") == "Members"
    i18n.use_language("shout")
    assert _("Members") == "MEMBERS"
