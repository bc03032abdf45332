#!/usr/bin/env bash
# Keep the translation catalogs in step with the code: extract -> update -> compile (Babel).
#
#   bash scripts/translations.sh            after adding or changing any text marked with _()
#   bash scripts/translations.sh pt it      the same, first starting catalogs for new languages
#   POT=FILE bash scripts/translations.sh --extract-only     step 1 only, into FILE (the tests)
#
# Babel runs in $PYTHON (default .venv/bin/python).
#
# 1. extract: every text marked with _("..."), N_("...") or ngettext("...", "...", n) in
#    coopdesk/ and ui/coopdesk_ui/ (babel.cfg) goes into the template coopdesk/locale/coopdesk.pot.
#    The template is only rewritten when its messages changed, so a run that changes nothing
#    leaves every file as it was.
# 2. update: each catalog coopdesk/locale/<lang>/LC_MESSAGES/coopdesk.po gets the new messages
#    (empty, or "fuzzy" with a guess from a similar old one) and loses those no longer used.
#    Then translate what is new or fuzzy in each .po (and remove the "#, fuzzy" line).
# 3. compile: every .po becomes the coopdesk.mo the app reads. The .mo files are committed, so
#    a fresh checkout runs translated without this step; tests/core/test_catalogs.py fails when
#    a .mo is older than its .po, the template misses a text of the code, or a message is left
#    untranslated or fuzzy.
#
# Adding a language is adding its catalog (the second form above, then translating it):
# the app offers every language it finds a catalog for.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
LOCALE_DIR=coopdesk/locale
POT=${POT:-$LOCALE_DIR/coopdesk.pot}

pybabel() { "$PYTHON" -m babel.messages.frontend "$@"; }

# The keywords are the names coopdesk.i18n exports; babel.cfg cannot hold them on every Babel.
fresh=$(mktemp "${TMPDIR:-/tmp}/coopdesk-pot.XXXXXX")
trap 'rm -f "$fresh"' EXIT
pybabel -q extract --mapping-file=babel.cfg --no-default-keywords \
    --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
    --add-location=file --width=100 --project=coopdesk \
    --copyright-holder="coopdesk contributors" \
    --header-comment="# Texts of coopdesk to translate, kept with scripts/translations.sh.
#" \
    --output-file="$fresh" coopdesk ui/coopdesk_ui
# POT-Creation-Date changes on every run: only a change in the messages is a change.
if [ -f "$POT" ] && diff -q -I '^"POT-Creation-Date: ' "$POT" "$fresh" >/dev/null; then
    echo "template unchanged: $POT"
else
    cp "$fresh" "$POT"
    echo "template written: $POT ($(( $(grep -c "^msgid " "$POT") - 1 )) messages)"
fi
[ "${1-}" = "--extract-only" ] && exit 0

for language in "$@"; do
    if [ ! -f "$LOCALE_DIR/$language/LC_MESSAGES/coopdesk.po" ]; then
        pybabel -q init --input-file="$POT" --output-dir="$LOCALE_DIR" --domain=coopdesk \
            --locale="$language" --width=100
    fi
done

pybabel update --input-file="$POT" --output-dir="$LOCALE_DIR" --domain=coopdesk \
    --ignore-obsolete --ignore-pot-creation-date --width=100
pybabel compile --directory="$LOCALE_DIR" --domain=coopdesk --statistics
