#!/usr/bin/env bash
# Compiles e2e-tests' test classes and runs one benchmark client among them:
#   java-client.sh HEAP CLASS [ARGS...]     e.g. java-client.sh 512m dev.paysaga.e2e.WalletPaymentBenchmark 1000 16
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
heap=$1 class=$2
shift 2
echo "[bench] compiling the benchmark client"
mvn -B -ntp -q -Dstyle.color=never -pl e2e-tests -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# The suite a client starts (with the tests' environment: rate limits lifted) keeps running after it.
exec java "-Xmx$heap" -Dpaysaga.suite.keep-running=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "e2e-tests/target/test-classes:$(cat e2e-tests/target/bench.classpath)" "$class" "$@"
