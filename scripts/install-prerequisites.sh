#!/usr/bin/env bash
# Installs what Galley builds and tests with, where it is missing (Debian or Ubuntu, as root):
# the system's ICU with its headers (libicu-dev), uconv for `galley bench` (icu-devtools), and
# Python's jsonschema, which the schema test uses to check Galley's JSON output.
set -euo pipefail

updated=false
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ "$updated" = false ]; then apt-get update -qq; updated=true; fi
  apt-get install -y -qq "$@" >/dev/null
}

if ! pkg-config --exists icu-i18n 2>/dev/null || ! command -v uconv >/dev/null 2>&1; then
  apt_install libicu-dev icu-devtools pkg-config
fi

if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  python3 -m pip install -q jsonschema >/dev/null 2>&1 || apt_install python3 python3-jsonschema
fi
