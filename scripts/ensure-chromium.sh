#!/usr/bin/env bash
# Makes sure a Chromium is installed for the browser tests. On Debian as root it installs the
# `chromium` package with apt; otherwise it says what to install. CHROME_PATH overrides the path.
set -euo pipefail
for p in "${CHROME_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
  if [ -n "$p" ] && [ -x "$p" ]; then exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Debian's chromium package (about 30 s)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<'TXT'
ensure-chromium: no Chromium found.
  Debian/Ubuntu: sudo apt-get install chromium
  Or point CHROME_PATH at a Chrome or Chromium binary: CHROME_PATH=/path/to/chrome npm test
TXT
exit 1
