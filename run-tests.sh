#!/usr/bin/env bash
# Runs the whole test suite headless. Fails when any test fails or when no test ran.
set -uo pipefail
cd "$(dirname "$0")"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
[ -x .venv/bin/pytest ] || ./install.sh --no-run
.venv/bin/pytest "$@"
rc=$?
if [ $rc = 5 ]; then echo "no tests were collected: that is a failure"; exit 1; fi
exit $rc
