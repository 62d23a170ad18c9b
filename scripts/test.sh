#!/usr/bin/env bash
# `npm test`: installs what the browser tests need, type-checks, lints, checks the committed
# custom-elements.json, then runs every test in headless Chromium. The last line it prints is
# "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
echo "== type-check"
npx --no-install tsc -p tsconfig.test.json
echo "== lint"
npx --no-install eslint .
echo "== node tests (manifest, build)"
node --test tests/node/
echo "== browser tests (headless Chromium)"
npx --no-install wtr "$@"
