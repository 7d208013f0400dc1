#!/usr/bin/env bash
# The benchmark: dbcheck and plain JavaParser on the JDK's own sources, then maven-pmd-plugin on the same
# files, then the mutation (robustness) run. Needs a JDK that ships lib/src.zip (Temurin does); the corpus is
# unpacked under bench/target/, never committed. Results go to bench/target/results.md (see BENCHMARKS.md).
#   bench/run.sh [path/to/src.zip]
# BENCH_SCALING=none skips the scaling table; BENCH_PEERS=no skips the PMD and mutation runs (a shorter run);
# BENCH_JAVA_OPTS passes e.g. -Dbench.files=3000 -Dbench.warmup=500 (a slice of the corpus) or -Dbench.rounds=5.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SRC_ZIP=${1:-}
if [ -z "$SRC_ZIP" ]; then
  for f in "${JAVA_HOME:-/nonexistent}"/lib/src.zip /usr/lib/jvm/*/lib/src.zip; do
    if [ -f "$f" ]; then SRC_ZIP=$f; break; fi
  done
fi
WORK=$ROOT/bench/target/work
CORPUS=$ROOT/bench/target/corpus
RESULTS=$ROOT/bench/target/results.md
[ -f "$SRC_ZIP" ] || { echo "no src.zip found; pass its path" >&2; exit 2; }
mkdir -p "$WORK"
if [ ! -d "$CORPUS" ]; then
  mkdir -p "$CORPUS" && (cd "$CORPUS" && unzip -q "$SRC_ZIP")
fi

# Build, and have Maven write the bench module's runtime classpath (reactor jars included).
mvn -q -B -Pbench -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=runtime
CP=$ROOT/bench/target/classes:$(cat "$WORK/classpath.txt")

{
  echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m), $(java -version 2>&1 | head -n 1)"
  echo
  java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CP" dev.dbcheck.bench.Benchmark "$CORPUS" "$WORK" ${BENCH_SCALING:-}
} | tee "$RESULTS"
[ "${BENCH_PEERS:-yes}" = no ] && exit 0

# (f) The peer: maven-pmd-plugin's pmd:check on the same sources with a one-rule ruleset.
PMD_DIR=$WORK/pmd-project
mkdir -p "$PMD_DIR"
ROOTS=$(for d in "$CORPUS"/*/; do printf '<root>%s</root>' "${d%/}"; done)
sed -e "s#@ROOTS@#$ROOTS#" "$ROOT/bench/pmd-pom.xml" > "$PMD_DIR/pom.xml"
cp "$ROOT/bench/pmd-ruleset.xml" "$PMD_DIR/"
start=$(date +%s.%N)
mvn -q -B -f "$PMD_DIR/pom.xml" pmd:check > "$WORK/pmd.log" 2>&1 || true
end=$(date +%s.%N)
start0=$(date +%s.%N)
mvn -q -B -f "$PMD_DIR/pom.xml" validate > /dev/null 2>&1 || true
end0=$(date +%s.%N)
python3 - "$start" "$end" "$start0" "$end0" <<'PY' | tee -a "$RESULTS"
import sys
s, e, s0, e0 = map(float, sys.argv[1:])
print(f"\n(f) maven-pmd-plugin pmd:check, one rule, same files: {e - s:.1f} s wall "
      f"(of which Maven startup, measured with `mvn validate`: {e0 - s0:.1f} s)")
PY

java -Xmx1g -cp "$CP" dev.dbcheck.bench.MutationRun "$CORPUS" "$WORK" 500 | tee -a "$RESULTS"
