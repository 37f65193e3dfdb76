#!/usr/bin/env bash
# One-command benchmark run (see benchmarks/README.md): builds what it needs, installs wrk when
# missing, then measures AuthPlane against Spring Authorization Server and Spring Security and ends
# with one "RESULT ..." line per figure. Results and logs: benchmarks/target/bench-results/.
#
# Settings (environment): BENCH_DURATION_SECONDS (6), BENCH_WARMUP_SECONDS (6), BENCH_WARMUP_MAX_SECONDS (45),
# BENCH_CONNECTIONS (64),
# BENCH_PEER_CONNECTIONS (16),
# BENCH_PACED_SECONDS (5), BENCH_PACED_RATE (1500), BENCH_PACED_RATE_PG (1000),
# BENCH_CLIENTS (16), BENCH_BCRYPT_COST (10), BENCH_JMH (1), BENCH_JMH_SECONDS (1), BENCH_PROFILE (0),
# BENCH_JDKS (colon-separated JDK homes; default: this java, plus Temurin 25 when installed),
# AUTHPLANE_TEST_POSTGRES_URL (adds the PostgreSQL figures), BENCH_SKIP_BUILD (0).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${BENCH_OUT:-$here/target/bench-results}

if ! command -v wrk >/dev/null 2>&1; then
  echo "bench: wrk not found; installing Debian's wrk package" >&2
  if [ "$(id -u)" != "0" ]; then
    echo "bench: run as root or install wrk first (apt-get install -y wrk)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq wrk >&2
fi

if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "bench: building the benchmark modules and what they depend on" >&2
  (cd "$root" && mvn -q -B -DskipTests -pl benchmarks/harness,benchmarks/sas-server -am package)
fi

harness_cp="$here/harness/target/harness.jar:$here/harness/target/lib/*"
sas_cp="$here/sas-server/target/sas-server.jar:$here/sas-server/target/lib/*"
rm -rf "$out"
mkdir -p "$out"
exec java -Xmx256m -cp "$harness_cp" dev.authplane.benchmarks.run.BenchmarkRun "$harness_cp" "$sas_cp" "$out"
