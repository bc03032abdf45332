"""The translation catalogs: in step with the code, complete, faithful to the English, compiled.

When a test here fails after you added or changed a text marked with _(), run
`bash scripts/translations.sh`, translate in each coopdesk/locale/<lang>/LC_MESSAGES/coopdesk.po
what it left empty or marked fuzzy, and run it again (it compiles the .mo files).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from coopdesk import i18n

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "translations.sh"
TEMPLATE = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"
LANGUAGES = sorted(po.parent.parent.name for po in i18n.LOCALE_DIR.glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.po"))
FIX = "run `bash scripts/translations.sh`, translate what is new or fuzzy in each .po, run it again"

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TRAILING = ".:?!…"

MessageId = str | tuple[str, ...]


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=language)


def po_path(language: str) -> Path:
    return i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def messages(catalog: Catalog) -> Iterator[Message]:
    """The catalog's messages, without its header."""
    return (message for message in catalog if message.id)


def ids(catalog: Catalog) -> set[MessageId]:
    return {frozen(message.id) for message in messages(catalog)}


def frozen(text: str | tuple[str, ...] | list[str]) -> MessageId:
    return text if isinstance(text, str) else tuple(text)


def english(message: Message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def translated(message: Message) -> tuple[str, ...]:
    string = message.string
    if isinstance(string, (tuple, list)):
        return tuple(string)
    return (string or "",)


def mnemonics(text: str) -> int:
    return text.replace("&&", "").count("&")  # "&&" shows a literal ampersand


def ending(text: str) -> str:
    """The closing punctuation of a sentence or a label ("No." is an abbreviation)."""
    last = text[-1]
    return last if last in TRAILING and (last != "." or " " in text) else ""


def listing(found: list[str]) -> str:
    return "\n  ".join(found)


@pytest.fixture(params=LANGUAGES)
def catalog(request: pytest.FixtureRequest) -> Catalog:
    return read_catalog(po_path(request.param), request.param)


def test_the_catalogs_are_there() -> None:
    assert {"de", "es", "fr"} <= set(LANGUAGES)
    assert set(i18n.available_languages()) == set(LANGUAGES)


def test_the_template_holds_every_text_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.pot"
    env = {**os.environ, "POT": str(fresh), "PYTHON": sys.executable}
    subprocess.run(["bash", str(SCRIPT), "--extract-only"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    in_code, in_template = ids(read_catalog(fresh)), ids(read_catalog(TEMPLATE))
    new = sorted(repr(text) for text in in_code - in_template)
    gone = sorted(repr(text) for text in in_template - in_code)
    assert not new, f"Texts of the code missing from the catalogs ({FIX}):\n  {listing(new)}"
    assert not gone, f"Texts no longer in the code still in the catalogs ({FIX}):\n  {listing(gone)}"


def test_each_catalog_has_the_messages_of_the_template(catalog: Catalog) -> None:
    template = ids(read_catalog(TEMPLATE))
    missing = sorted(repr(text) for text in template - ids(catalog))
    extra = sorted(repr(text) for text in ids(catalog) - template)
    assert not missing and not extra, (
        f"{catalog.locale}: not updated from the template ({FIX}):\n"
        f"  missing: {listing(missing)}\n  extra: {listing(extra)}")


def test_every_message_is_translated(catalog: Catalog) -> None:
    assert not catalog.fuzzy, f"{catalog.locale}: the catalog itself is marked fuzzy"
    untranslated = [repr(m.id) for m in messages(catalog) if not all(translated(m))]
    fuzzy = [repr(m.id) for m in messages(catalog) if m.fuzzy]
    assert not untranslated, f"{catalog.locale}: not translated ({FIX}):\n  {listing(untranslated)}"
    assert not fuzzy, (f"{catalog.locale}: fuzzy, check each and remove its '#, fuzzy' line "
                       f"({FIX}):\n  {listing(fuzzy)}")


def test_the_plural_forms_are_the_languages_own(catalog: Catalog) -> None:
    assert catalog.locale is not None
    assert catalog.plural_forms == Catalog(locale=catalog.locale).plural_forms
    wrong = [repr(m.id) for m in messages(catalog)
             if isinstance(m.id, tuple) and len(translated(m)) != catalog.num_plurals]
    assert not wrong, f"{catalog.locale}: wrong number of plural forms:\n  {listing(wrong)}"


def test_placeholders_are_kept_exactly(catalog: Catalog) -> None:
    wrong = []
    for message in messages(catalog):
        wanted = {name for text in english(message) for name in PLACEHOLDER.findall(text)}
        for text in translated(message):
            if text and set(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"{message.id!r} -> {text!r}")
    assert not wrong, f"{catalog.locale}: placeholders differ from the English:\n  {listing(wrong)}"


def test_mnemonics_and_trailing_punctuation_are_kept(catalog: Catalog) -> None:
    wrong = []
    for message in messages(catalog):
        source = english(message)[-1]
        for text in translated(message):
            if not text:
                continue
            if mnemonics(text) != mnemonics(source):
                wrong.append(f"mnemonic: {source!r} -> {text!r}")
            if ending(text) != ending(source):
                wrong.append(f"ending: {source!r} -> {text!r}")
    assert not wrong, f"{catalog.locale}:\n  {listing(wrong)}"


def test_every_catalog_compiles(catalog: Catalog) -> None:
    problems = [f"{m.id!r}: {error}" for m, errors in catalog.check() for error in errors]
    assert not problems, f"{catalog.locale}:\n  {listing(problems)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogs_are_current(language: str) -> None:
    catalog = read_catalog(po_path(language), language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    with po_path(language).with_suffix(".mo").open("rb") as file:
        shipped = read_mo(file)
    # The header (id "") names the Babel version that compiled it: only the messages count.
    fresh = {frozen(m.id): translated(m) for m in messages(read_mo(compiled))}
    current = {frozen(m.id): translated(m) for m in messages(shipped)}
    stale = sorted(repr(key) for key in fresh.keys() | current.keys()
                   if fresh.get(key) != current.get(key))
    assert not stale, f"{language}: coopdesk.mo is older than coopdesk.po ({FIX}):\n  {listing(stale)}"


def test_the_app_reads_the_catalogs() -> None:
    assert i18n.translations("fr").gettext("Members") == "Membres"
    assert i18n.translations("es_MX").gettext("Members") == "Socios"
    assert i18n.translations("de").ngettext("{n} member", "{n} members", 2) == "{n} Mitglieder"
    assert i18n.translations("fr").ngettext("{n} member", "{n} members", 0) == "{n} membre"
