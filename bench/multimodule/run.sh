#!/usr/bin/env bash
# The multi-module benchmark: what following sibling modules adds to `mvn dbcheck:verify` on a synthetic
# 20-module reactor (bench/multimodule/generate.py). The plugin is installed into a private repository under
# target/mm-bench/repo (never ~/.m2); the reactor is written to target/mm-bench/reactor. Results go to
# target/mm-bench/results.md (see BENCHMARKS.md).
#   bench/multimodule/run.sh [repetitions]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
REPS=${1:-3}
WORK=$ROOT/target/mm-bench
REPO=$WORK/repo
REACTOR=$WORK/reactor
VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
mkdir -p "$WORK"
if [ ! -d "$REPO/dev/dbcheck/dbcheck-maven-plugin/$VERSION" ]; then
  mvn -q -B install -DskipTests -Dinvoker.skip=true -Dmaven.repo.local="$REPO"
fi
rm -rf "$REACTOR"
python3 bench/multimodule/generate.py "$REACTOR" "$VERSION"

MVN=(mvn -B -o -Dmaven.repo.local="$REPO" -f "$REACTOR/pom.xml" "dev.dbcheck:dbcheck-maven-plugin:$VERSION:verify"
     -Ddbcheck.failOn=none -Ddbcheck.formats=)

# One timed build (seconds, wall clock); its reactor summary line goes to $WORK/last.log.
timed() {
  local start end
  start=$(date +%s.%N)
  "${MVN[@]}" "$@" > "$WORK/last.log" 2>&1 || { tail -50 "$WORK/last.log" >&2; exit 1; }
  end=$(date +%s.%N)
  printf '%.1f\n' "$(echo "$end - $start" | bc)"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

{
  echo "# Multi-module benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -n 1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Reactor: $(find "$REACTOR" -name '*.java' | wc -l) Java files in 20 modules plus the parent; median of $REPS runs"
  echo
  echo "| Threads | Modules followed | Cold (no cache) | Warm (nothing changed) | Findings |"
  echo "|---|---|---|---|---|"
  for threads in 1 4; do
    for follow in false true; do
      cold=$(for r in $(seq "$REPS"); do timed -T "$threads" -Ddbcheck.cache=false -Ddbcheck.followModules=$follow; done | median)
      findings=$(grep -o 'reactor summary: .*' "$WORK/last.log" | head -n 1)
      find "$REACTOR" -name dbcheck-cache.json.gz -delete
      timed -T "$threads" -Ddbcheck.followModules=$follow > /dev/null   # fills the cache
      warm=$(for r in $(seq "$REPS"); do timed -T "$threads" -Ddbcheck.followModules=$follow; done | median)
      echo "| $threads | $follow | ${cold} s | ${warm} s | ${findings#reactor summary: } |"
    done
  done
} | tee "$WORK/results.md"

# In one JVM, without Maven: the service modules alone and with their siblings, and the siblings' parse alone.
CP=$(ls "$REPO"/dev/dbcheck/dbcheck-rules/"$VERSION"/dbcheck-rules-"$VERSION".jar \
  "$REPO"/com/github/javaparser/javaparser-core/*/javaparser-core-*.jar \
  "$REPO"/com/github/jsqlparser/jsqlparser/*/jsqlparser-*.jar "$REPO"/org/yaml/snakeyaml/*/snakeyaml-*.jar \
  "$REPO"/com/fasterxml/jackson/core/*/2.20*/jackson-*.jar | grep -v -e sources -e javadoc | paste -sd:)
java -cp "$CP" bench/multimodule/ModuleCost.java "$REACTOR" | tee -a "$WORK/results.md"
