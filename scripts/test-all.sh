#!/usr/bin/env bash
# What CI runs (`npm run test:all`): the system tools for the editor tests, npm ci, third-party/, the checks, the tests.
# The system tools (Debian packages, a real VS Code built from the npm registry) are installed while npm ci and the
# checks run: the two wait on different things (downloads and compiling native modules, the type-checker and linter),
# and only the tests need both. Their output is printed when they are done, in one piece.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0
tools_log="$(mktemp)"
bash scripts/setup-test-tools.sh >"$tools_log" 2>&1 &
tools=$!
trap 'kill "$tools" 2>/dev/null || true; rm -f "$tools_log"' EXIT
npm ci --no-audit --no-fund
node scripts/third-party.mjs
npm run check
checked=$SECONDS
if ! wait "$tools"; then
  cat "$tools_log"
  echo "test-all: scripts/setup-test-tools.sh failed" >&2
  exit 1
fi
cat "$tools_log"
echo "test-all: npm ci, third-party/ and the checks took ${checked} s; the test tools were ready at ${SECONDS} s"
npm test
