#!/usr/bin/env bash
# Installs what the browser tests (tests/test_e2e.py, marker `e2e`) need:
#   - Debian's chromium + chromium-driver and Bengali fonts (fonts-noto-core carries Noto Sans/Serif
#     Bengali, fonts-beng the Lohit/Mukti families), with apt-get;
#   - the `playwright` Python package into the project's venv, with pip.
# No browser is downloaded: the tests drive /usr/bin/chromium through executable_path, so
# `playwright install` is never run.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP=${PIP:-.venv/bin/pip}

need=()
[ -x /usr/bin/chromium ] || need+=(chromium chromium-driver)
fonts=$(fc-list : family 2>/dev/null || true)
grep -q "Noto Sans Bengali" <<<"$fonts" || need+=(fonts-noto-core)
grep -qi "Lohit Bengali" <<<"$fonts" || need+=(fonts-beng)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "install_e2e: apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

if ! "${PIP%/pip}/python" -c "import playwright" >/dev/null 2>&1; then
  echo "install_e2e: pip install playwright"
  "$PIP" install -q --disable-pip-version-check "playwright>=1.44"
fi
/usr/bin/chromium --version 2>/dev/null | tail -n 1
"${PIP%/pip}/python" -c "from importlib.metadata import version; print('playwright', version('playwright'))"
