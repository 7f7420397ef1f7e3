#!/usr/bin/env bash
# The front door, as a newcomer meets it: a clean clone of this commit (no .data/, no build,
# no generated files), the README's first command exactly as written, then a sign-in as the
# demo operator, run #1, and a template imported with the command-line tool while the app
# runs. A missing install step turns this red. Stops everything it started.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/runsheet-front-door.XXXXXX)"
# mktemp makes a private folder; a clone normally sits where other users (PostgreSQL's own, as root) may enter.
chmod 755 "$work"
clone="$work/clone"
log="$work/npm-start.log"
port=3000
base="http://localhost:$port"
pid=""

cleanup() {
  local code=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    # The README's command runs in its own process group: end all of it (npm, tsx, server, PostgreSQL).
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  if [ $code -ne 0 ] && [ -f "$log" ]; then
    echo "--- the last lines npm start printed ---"
    tail -n 60 "$log"
  fi
  rm -rf "$work"
  exit $code
}
trap cleanup EXIT

readme_cmd="$(grep -m1 -E '^npm install && npm start' "$repo/README.md" | sed 's/ *#.*$//')"
[ -n "$readme_cmd" ] || { echo "front door: README.md has no 'npm install && npm start' line"; exit 1; }

echo "front door: cloning $(git -C "$repo" rev-parse --short HEAD) into a clean folder"
git clone --quiet --no-hardlinks "$repo" "$clone"
cd "$clone"
echo "front door: running the README's first command: $readme_cmd"
setsid bash -c "$readme_cmd" >"$log" 2>&1 </dev/null &
pid=$!

node "$repo/scripts/smoke/front-door-check.mjs" "$base" "$log" "$pid"

echo "front door: importing a template with the command-line tool while the app runs"
cat >"$work/smoke-template.md" <<'MD'
### Smoke check
* [ ] Confirm the front door works
MD
env -i PATH="$PATH" HOME="$HOME" npm run --silent template:import -- "$work/smoke-template.md" --name "Front door smoke" | tee "$work/import.log"
grep -q "^imported: Front door smoke" "$work/import.log"
echo "front door: ok"
