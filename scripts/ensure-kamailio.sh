#!/usr/bin/env bash
# Makes sure Kamailio with its WebSocket module is installed for the real-SIP tests (tests/sip/).
# On Debian as root it installs `kamailio kamailio-websocket-modules` (and iproute2, for the tests'
# network namespace) with apt; otherwise it says what to install. The tests run their own instance
# (tests/sip/kamailio.cfg, 127.0.0.1 only); the package's own service is not used. KAMAILIO_PATH
# overrides the binary.
set -euo pipefail
bin="${KAMAILIO_PATH:-}"
if [ -z "$bin" ]; then
  for p in /usr/sbin/kamailio /usr/local/sbin/kamailio; do
    if [ -x "$p" ]; then bin="$p"; break; fi
  done
fi
modules_ok() {
  compgen -G '/usr/lib/*/kamailio/modules/websocket.so' >/dev/null \
    || compgen -G '/usr/lib/kamailio/modules/websocket.so' >/dev/null \
    || compgen -G '/usr/local/lib*/kamailio/modules/websocket.so' >/dev/null
}
have_ip() { command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ]; }
# The SIP tests run in a network namespace with only `lo` (scripts/test.sh): that needs `ip`.
if ! have_ip && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-kamailio: installing iproute2 (ip, for the tests' loopback-only network namespace)..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iproute2 >/dev/null
fi
if [ -n "$bin" ] && [ -x "$bin" ] && modules_ok; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-kamailio: installing Debian's kamailio and kamailio-websocket-modules (a few seconds)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends kamailio kamailio-websocket-modules >/dev/null
  # Where systemd runs, the package also enables its stock service (port 5060): the tests never use
  # it, and their own instance listens on 127.0.0.1:15060 and :15080 only.
  exit 0
fi
cat >&2 <<'TXT'
ensure-kamailio: Kamailio with the WebSocket module is not installed (needed by the SIP tests).
  Debian/Ubuntu: sudo apt-get install --no-install-recommends kamailio kamailio-websocket-modules
  Or point KAMAILIO_PATH at a kamailio binary built with the websocket and xhttp modules.
TXT
exit 1
