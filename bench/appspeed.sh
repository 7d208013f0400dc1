#!/usr/bin/env bash
# Cold-run speed on the application corpus (BENCHMARKS.md, "Cold runs on applications"): for each application,
# rotating the order each round, one fresh JVM per step (-Xmx1g): dbcheck cold (no cache), plain JavaParser
# (default configuration, two threads), maven-pmd-plugin pmd:check with the benchmark's one rule, and the
# nothing-changed run. Records CPU and wall time and the load average; medians are left to the reader of the TSV.
#   bench/appspeed.sh [app ...]            # default: ruoyi-vue-pro fineract thingsboard
#   ROUNDS=3 STEPS="cold parse pmd warm" CORPUS=/work/corpus bench/appspeed.sh
# Output: bench/target/appspeed.tsv (round, step, app, wall_s, cpu_s, peak_heap_mib, files, findings, errors,
# load1), debug logs under bench/target/apps-work/.
# (Interim harness until bench/apps.sh of the application-corpus work lands; then its SPEED mode replaces it.)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CORPUS=${CORPUS:-/work/corpus}
WORK=$ROOT/bench/target/apps-work
OUT=$ROOT/bench/target/appspeed.tsv
mkdir -p "$WORK"
APPS=("$@")
[ ${#APPS[@]} -eq 0 ] && APPS=(ruoyi-vue-pro fineract thingsboard)
STEPS=(${STEPS:-cold parse pmd warm})
if [ "${BUILD:-yes}" = yes ]; then
  mvn -q -B -ntp -Pbench -DskipTests -pl bench -am package dependency:build-classpath \
    -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=runtime
fi
CP=$ROOT/bench/target/classes:$(cat "$WORK/classpath.txt")
for app in "${APPS[@]}"; do
  dir=$WORK/pmd-$app
  mkdir -p "$dir"
  roots=$(find "$CORPUS/$app" -type d -path '*/src/main/java' | sort | sed 's#.*#<root>&</root>#' | tr -d '\n')
  sed -e "s#@ROOTS@#$roots#" "$ROOT/bench/pmd-pom.xml" > "$dir/pom.xml"
  cp "$ROOT/bench/pmd-ruleset.xml" "$dir/"
done
[ -f "$OUT" ] || printf 'round\tstep\tapp\twall_s\tcpu_s\theap_mib\tfiles\tfindings\terrors\tload1\n' > "$OUT"
load() { cut -d' ' -f1 /proc/loadavg; }
for round in $(seq 1 "${ROUNDS:-3}"); do
  n=${#STEPS[@]}
  for i in $(seq 0 $((n - 1))); do
    step=${STEPS[$(( (i + round - 1) % n ))]}
    for app in "${APPS[@]}"; do
      l=$(load)
      if [ "$step" = pmd ]; then
        t=$( { /usr/bin/time -f '%e %U %S' mvn -q -B -o -f "$WORK/pmd-$app/pom.xml" pmd:check > "$WORK/pmd-$app.log" 2>&1 || true; } 2>&1 | tail -1)
        read -r wall u s <<< "$t"
        cpu=$(python3 -c "print(round($u+$s,2))")
        printf '%s\tpmd\t%s\t%s\t%s\t\t\t\t\t%s\n' "$round" "$app" "$wall" "$cpu" "$l" >> "$OUT"
      else
        line=$(java -Xmx1g -Xss8m ${JAVA_OPTS:-} -cp "$CP" dev.dbcheck.bench.AppSpeed "$step" "$CORPUS/$app" \
          "$WORK/$step-$app.findings.tsv" 2> "$WORK/$step-$app.debug.log")
        read -r s a wall cpu heap files findings errors <<< "$line"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$s" "$a" "$wall" "$cpu" "$heap" "$files" "$findings" "$errors" "$l" >> "$OUT"
      fi
      tail -1 "$OUT"
    done
  done
done
