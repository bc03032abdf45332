#!/usr/bin/env bash
# Install coopdesk with its desktop app in .venv and open it (on the default book; a new empty
# one is made the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[gui]'
exec .venv/bin/coopdesk "$@"
