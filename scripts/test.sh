#!/usr/bin/env bash
# Install everything and run the whole test suite, as CI does.
#
# 1. The core, in a virtual environment WITHOUT Qt: the import contracts (import-linter), strict
#    type checks (mypy) and the core tests. This proves `coopdesk` works without the gui extra.
# 2. The desktop app, in a virtual environment WITH Qt: its type checks and the UI tests,
#    offscreen. (The core tests ran in step 1; with Qt installed they would prove nothing more,
#    and running them twice would double CI's time.)
# Fails when any step fails, and when a run collects no test (pytest exits 5).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

venv() {  # venv DIR EXTRAS: make (or reuse) a virtual environment with the project installed
    [ -x "$1/bin/python" ] || "$PYTHON" -m venv "$1"
    "$1/bin/python" -m pip install --quiet --upgrade pip
    "$1/bin/python" -m pip install --quiet -e ".[$2]"
}

echo "== core, without Qt"
venv .venv-core test
if .venv-core/bin/python -c 'import PySide6' 2>/dev/null; then
    echo "PySide6 is installed in the core environment; the core tests would prove nothing" >&2
    exit 1
fi
.venv-core/bin/lint-imports
.venv-core/bin/mypy
.venv-core/bin/python -m pytest -p no:pytestqt -p no:cacheprovider tests/core

echo "== the desktop app, with Qt (offscreen)"
venv .venv gui-test
.venv/bin/mypy -p coopdesk_ui
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -p no:cacheprovider tests/ui
