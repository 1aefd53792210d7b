#!/usr/bin/env bash
# Install what the tests need (Python packages in .venv, Debian's chromium for browser tests) and run
# the whole suite. Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# pip before 23.3 compares extra names unnormalised and warns "lxml does not provide the extra
# 'html_clean'" (justext asks for lxml[html_clean], lxml 6 spells it html-clean) on every install
.venv/bin/python -m pip install -q --disable-pip-version-check 'pip>=23.3'
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will be skipped" >&2
  else
    echo "warning: chromium not found and not root; browser tests will be skipped" >&2
  fi
fi
.venv/bin/ruff check geomap tests benchmarks scripts
.venv/bin/python -m pytest "$@"
