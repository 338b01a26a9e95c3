#!/usr/bin/env bash
# Installs Daybook for this user (a virtual environment in .venv) and the system libraries
# Qt needs on Debian/Ubuntu when they are missing. Safe to run again.
#   ./install.sh          install, then open Daybook
#   ./install.sh --no-run install only (CI uses this)
set -euo pipefail
cd "$(dirname "$0")"
QT_PACKAGES="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libxcb-image0 \
libxcb-render-util0 libxcb-xinerama0 libxcb-shape0 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
libxkbcommon0 libglib2.0-0 xvfb poppler-utils"

if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  # Debian/Ubuntu ship Python without venv unless python3-venv is installed
  probe=$(mktemp -d)
  python3 -m venv "$probe/v" >/dev/null 2>&1 || missing="python3-venv"
  rm -rf "$probe"
  for p in $QT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "Installing system libraries Qt needs:$missing"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq || true
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/tmp/daybook-apt.log 2>&1 \
      || echo "Some system libraries could not be installed; the window may not open (tests still run)."
  fi
fi

PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "Daybook needs Python 3.11 or newer."; exit 1; }
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

if [ "${1:-}" != "--no-run" ]; then
  exec .venv/bin/daybook
fi
