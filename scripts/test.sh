#!/usr/bin/env bash
# `npm test`: installs what the browser tests need, type-checks, lints, checks the committed
# custom-elements.json, then runs the browser tests in each engine in turn: headless Chromium, headless
# Firefox ESR and WebKitGTK (MiniBrowser under xvfb-run). TEST_BROWSERS=chromium,firefox,webkit (the
# default) picks the engines; in WebKit a failing test runs once more and the run names each one that
# did (scripts/second-try.mjs); the files that need WebRTC run in Chromium only
# (scripts/test-browsers.mjs). The last line it prints is "N passed, N failed, N skipped", summed
# over the engines.
#
# The browser tests run inside a network namespace that has only `lo` (as root `unshare --net`,
# otherwise `unshare -rn`), so the real-SIP tests' WebRTC media can only use loopback; the SIP tests
# refuse to run when they can see any other interface.
set -euo pipefail
cd "$(dirname "$0")/.."
export TEST_BROWSERS="${TEST_BROWSERS:-chromium,firefox,webkit}"
bash scripts/ensure-chromium.sh
bash scripts/ensure-browsers.sh
bash scripts/ensure-kamailio.sh || echo "warning: Kamailio is missing: the SIP tests (tests/sip/) will fail" >&2
echo "== type-check"
npx --no-install tsc -p tsconfig.test.json
echo "== lint"
npx --no-install eslint .
echo "== node tests (manifest, build)"
node --test tests/node/
echo "== build the single-file drop-in (dist/single/, for tests/bundle/single-file)"
node scripts/build-single.mjs
echo "== build examples (React, Vue: bundled from the dist/ the node tests just built)"
node scripts/build-examples.mjs
echo "== build the docs site (site/, for tests/docs/)"
node scripts/docs.mjs
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
if [ "${#netns[@]}" -eq 0 ]; then
  echo "warning: cannot make a loopback-only network namespace (unshare); running wtr as is: the SIP tests will refuse to run" >&2
fi
# One wtr run per engine; each ends with its own "N passed, N failed, N skipped" line.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
passed=0 failed=0 skipped=0
IFS=',' read -ra engines <<<"$TEST_BROWSERS"
for engine in "${engines[@]}"; do
  echo "== browser tests ($engine)"
  display=()
  # MiniBrowser has no headless mode: a virtual X display (Xvfb), inside the namespace too.
  if [ "$engine" = "webkit" ] && [ -z "${DISPLAY:-}" ]; then display=(xvfb-run -a); fi
  started=$SECONDS
  set +e
  if [ "${#netns[@]}" -gt 0 ]; then
    echo "(in a network namespace with loopback only: ${netns[*]})"
    TEST_BROWSERS="$engine" IP="$IP" "${netns[@]}" sh -c '"$IP" link set lo up && exec "$@"' sh \
      "${display[@]}" npx --no-install wtr "$@" | tee "$log"
  else
    TEST_BROWSERS="$engine" "${display[@]}" npx --no-install wtr "$@" | tee "$log"
  fi
  code=${PIPESTATUS[0]}
  set -e
  if [ "$code" -ne 0 ]; then status=$code; fi
  counts="$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -n 1 || true)"
  if [ -z "$counts" ]; then
    echo "$engine: no closing line from wtr (exit $code)"
    failed=$((failed + 1))
    if [ "$status" -eq 0 ]; then status=1; fi
  else
    read -r p _ f _ s _ <<<"$counts"
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
    echo "$engine: $counts in $((SECONDS - started)) s"
  fi
done
echo
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
