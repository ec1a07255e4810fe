#!/usr/bin/env bash
# The API fuzzer (e2e-tests' fuzz.ApiFuzzTest) for longer than CI runs it: every operation of the gateway's
# OpenAPI document fed CASES bad inputs (CI: 24, seed 17), chosen by SEED; prints the outcome counts by status and
# code, and every finding (a 5xx, an accepted bad input, an undocumented code, quoted markup, a changed state).
# Builds the services, starts the platform and the suite the way deploy/local/test.sh does.
# Usage: fuzz.sh [SEED=random] [CASES=200]
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SEED=${1:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
CASES=${2:-200}
echo "fuzz seed=$SEED cases/operation=$CASES (rerun: $0 $SEED $CASES)"

"$HERE/platform.sh" up
"$HERE/services.sh" stop
cd "$ROOT"
mvn -B -ntp -Dstyle.color=never -q package -DskipTests
mvn -B -ntp -Dstyle.color=never -pl e2e-tests verify -Dtest=ApiFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dpaysaga.fuzz.seed="$SEED" -Dpaysaga.fuzz.cases="$CASES"
