#!/usr/bin/env bash
# Installs what the end-to-end tests need besides the repository's npm packages: the pre-commit framework and Neovim
# (Debian), vsce (scripts/vsce.mjs), and a real VS Code for the extension tests — code-server 4.100.3 (VS Code
# 1.100.3, the last release that runs on Node 20) from the npm registry, with Debian's Chromium to drive it. Nothing
# is downloaded from anywhere else (code-server's own postinstall would fetch ripgrep; Debian's ripgrep is used).
# Idempotent: a marker file records a finished code-server build.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0
VERSION=4.100.3
# Outside the repository, as third-party/ is: vsce walks the whole folder it packages, and code-server's files made
# `npm run package` take 12.5 s instead of 1.7 (AGENT_WARDEN_TOOLS_DIR moves them, as in scripts/tools-dir.mjs).
TOOLS="${AGENT_WARDEN_TOOLS_DIR:-$HOME/.cache/agent-warden/tools}/code-server-$VERSION"
MARKER="$TOOLS/.ready"

need_apt=()
for pkg in chromium ripgrep neovim pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pre-commit git; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup-test-tools: installing Debian packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# vsce, which packages the extension the editor tests install (npm run package), pinned apart (scripts/vsce.mjs):
# installed while code-server is.
node scripts/vsce.mjs &
vsce=$!

if [ -f "$MARKER" ]; then
  wait "$vsce"
  echo "setup-test-tools: code-server $VERSION ready in $TOOLS"
  exit 0
fi
echo "setup-test-tools: building code-server $VERSION in $TOOLS (about a minute; ${SECONDS} s so far)"
rm -rf "$TOOLS"
mkdir -p "$TOOLS"
cd "$TOOLS"
echo '{ "name": "agent-warden-e2e-tools", "private": true }' > package.json
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >/dev/null
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# Only the native modules the tests reach are compiled, on both cores: the logger behind output channels and
# their log files (@vscode/spdlog), the extension host's watchdog and the terminal's pty. Kerberos proxy auth and
# the Windows-only modules are never loaded here (12 s of compiling, timed one by one). Unoptimised (-O0, which node-gyp
# passes after its own -O3): the tests need them to load, not to be fast, and they compile in 14 s instead of 19.
CFLAGS=-O0 CXXFLAGS=-O0 JOBS=2 npm_config_yes=true npm rebuild @vscode/spdlog native-watchdog node-pty >/dev/null 2>&1
cd "$TOOLS"
npm_config_yes=true npm rebuild argon2 >/dev/null 2>&1 || true
cd node_modules/code-server/lib/vscode/extensions
npm install --no-audit --no-fund --omit=dev >/dev/null
touch "$MARKER"
wait "$vsce"
echo "setup-test-tools: done in ${SECONDS} s"
