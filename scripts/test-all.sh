#!/usr/bin/env bash
# Every test of the project, as CI runs them:
#   1. check: typecheck, lint, unit tests (core, server, cli, web components)
#   2. integration tests through HTTP on the embedded PGlite
#   3. the same integration tests on a real PostgreSQL (scripts/with-postgres.sh)
#   4. end-to-end tests in Debian's Chromium (Playwright) against the built platform
# Prints one closing line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp/results
rm -f .tmp/results/*.json

failed_steps=()
step() {
  local name=$1; shift
  echo
  echo "==== $name"
  if ! "$@"; then failed_steps+=("$name"); fi
}

step system-deps bash scripts/ensure-system-deps.sh
step typecheck npm run --silent typecheck
step lint npm run --silent lint
step unit npx vitest run --project unit --project web --reporter=default --reporter=json --outputFile=.tmp/results/unit.json
step integration-pglite npx vitest run --project integration --reporter=default --reporter=json --outputFile=.tmp/results/int-pglite.json
step integration-postgres bash scripts/with-postgres.sh npx vitest run --project integration --reporter=default --reporter=json --outputFile=.tmp/results/int-postgres.json
step build npm run --silent build
step e2e npx vitest run --project e2e --reporter=default --reporter=json --outputFile=.tmp/results/e2e.json

node -e '
const fs = require("fs");
let p = 0, f = 0;
for (const file of fs.readdirSync(".tmp/results")) {
  const r = JSON.parse(fs.readFileSync(".tmp/results/" + file, "utf8"));
  p += r.numPassedTests; f += r.numFailedTests;
  console.log(`  ${file.replace(".json", "").padEnd(20)} ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
}
fs.writeFileSync(".tmp/results/total", `${p} ${f}`);
'
read -r passed failed < .tmp/results/total
echo
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}"
  [ "$failed" = "0" ] && failed=${#failed_steps[@]}
fi
echo "$passed passed, $failed failed"
[ ${#failed_steps[@]} -eq 0 ]
