#!/usr/bin/env bash
# Runs every test project in Swarm.sln and ends with one line: "N passed, N failed, N skipped".
# Before anything runs it checks the programs the tests start (redis-server, a Chromium, Node.js with npm) and names the
# one line that installs what is missing, then restores the tests' own npm packages (Azurite, OpenCode) as `dotnet test`
# restores NuGet. Extra arguments go to `dotnet test` (e.g. --filter).
set -uo pipefail
cd "$(dirname "$0")/.."

# A Chromium for the browser tests: SWARM_CHROMIUM if set, else the first of these on PATH (Debian's chromium,
# Ubuntu's chromium-browser, Google Chrome).
find_chromium() {
  if [ -n "${SWARM_CHROMIUM:-}" ] && [ -x "$SWARM_CHROMIUM" ]; then echo "$SWARM_CHROMIUM"; return; fi
  local name
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$name" > /dev/null 2>&1; then command -v "$name"; return; fi
  done
}

missing=()
command -v redis-server > /dev/null 2>&1 || missing+=("redis-server")
chromium=$(find_chromium)
[ -n "$chromium" ] || missing+=("chromium")
# Node.js from any source (Debian, NodeSource, nvm) will do; Debian's npm is only for a machine with no Node at all,
# since it conflicts with NodeSource's nodejs.
if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then missing+=("nodejs npm"); fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "The tests need programs this machine lacks: ${missing[*]}." >&2
  echo "Install them with this one line, then run tests/run-all.sh again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  [ -n "$chromium" ] || echo "(On Ubuntu the package is chromium-browser; Google Chrome works too.)" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
export SWARM_CHROMIUM="$chromium"

# The tests' npm packages, pinned by each folder's package-lock.json: installed when absent or when the lock changed
# since (npm records what it installed in node_modules/.package-lock.json).
for folder in tests/Servers tests/Harnesses; do
  if [ ! -f "$folder/node_modules/.package-lock.json" ] || [ "$folder/package-lock.json" -nt "$folder/node_modules/.package-lock.json" ]; then
    echo "Installing the npm packages of $folder (npm ci)"
    if ! npm ci --prefix "$folder" --no-audit --no-fund > /dev/null; then
      echo "npm ci --prefix $folder failed; see its output above" >&2
      echo "0 passed, 1 failed, 0 skipped"
      exit 1
    fi
  fi
done

log=$(mktemp)
dotnet test Swarm.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Each test assembly prints "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T" (or "Failed!  - ...").
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a build failure runs no test: never report it green
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
