#!/usr/bin/env bash
# `npm run bench:sip`: the INVITE → notification latency against the tests' Kamailio, measured in
# headless Chromium inside a network namespace with loopback only. Writes bench/sip-latency.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
bash scripts/ensure-kamailio.sh
if [ "$(id -u)" = "0" ]; then ns=(unshare --net --); else ns=(unshare -rn --); fi
"${ns[@]}" sh -c 'ip link set lo up && exec npx --no-install wtr --files bench/sip-latency.bench.ts' 
node -e 'const r = require("./bench/sip-latency.json"); console.log("median INVITE → notification painted:", r.medianMs.inviteToNotificationPainted, "ms (of", r.runs + ")")'
