#!/usr/bin/env bash
# `npm test`: installs what the browser tests need, type-checks, lints, checks the committed
# custom-elements.json, then runs every test in headless Chromium. The last line it prints is
# "N passed, N failed, N skipped".
#
# The browser tests run inside a network namespace that has only `lo` (as root `unshare --net`,
# otherwise `unshare -rn`), so the real-SIP tests' WebRTC media can only use loopback; the SIP tests
# refuse to run when they can see any other interface.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
bash scripts/ensure-kamailio.sh || echo "warning: Kamailio is missing: the SIP tests (tests/sip/) will fail" >&2
echo "== type-check"
npx --no-install tsc -p tsconfig.test.json
echo "== lint"
npx --no-install eslint .
echo "== node tests (manifest, build)"
node --test tests/node/
echo "== build examples (React, Vue: bundled from the dist/ the node tests just built)"
node scripts/build-examples.mjs
echo "== browser tests (headless Chromium)"
IP="$(command -v ip || true)"
for p in /usr/sbin/ip /sbin/ip /usr/bin/ip /bin/ip; do
  if [ -z "$IP" ] && [ -x "$p" ]; then IP="$p"; fi
done
netns=()
if [ -n "$IP" ]; then
  if [ "$(id -u)" = "0" ] && unshare --net -- "$IP" link set lo up 2>/dev/null; then
    netns=(unshare --net --)
  elif unshare -rn -- "$IP" link set lo up 2>/dev/null; then
    netns=(unshare -rn --)
  fi
fi
if [ "${#netns[@]}" -gt 0 ]; then
  echo "(in a network namespace with loopback only: ${netns[*]})"
  IP="$IP" "${netns[@]}" sh -c '"$IP" link set lo up && exec npx --no-install wtr "$@"' wtr "$@"
else
  echo "warning: cannot make a loopback-only network namespace (unshare); running wtr as is: the SIP tests will refuse to run" >&2
  npx --no-install wtr "$@"
fi
