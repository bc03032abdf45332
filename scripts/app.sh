#!/usr/bin/env bash
# Install coopdesk with its desktop app in .venv and open it on the demo co-op (written to your
# data folder the first time). Arguments are passed on: `bash scripts/app.sh --book my.coopdesk gui`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[gui]'
if [ "$#" -eq 0 ]; then
    set -- gui --demo
fi
exec .venv/bin/coopdesk "$@"
