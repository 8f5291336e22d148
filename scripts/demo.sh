#!/usr/bin/env bash
# Sets up khobor in ./.venv and runs the main job on the embedded demo set:
# extract the sample article, ingest the demo articles into ./khobor.db, serve the web UI on 127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e . >/dev/null
exec .venv/bin/khobor demo "$@"
