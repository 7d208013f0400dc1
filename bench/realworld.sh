#!/usr/bin/env bash
# The real-code regression run (see BENCHMARKS.md, "Real code"): dbcheck over the pinned -sources.jar artifacts of
# bench/realworld/artifacts.tsv, each analysed as its own project, compared with the committed triage
# (bench/realworld/triage.tsv) and the known misses (bench/realworld/missed.tsv). Needs only Maven Central.
# Sources are unpacked by maven-dependency-plugin under bench/target/realworld/<artifact>, never committed.
# Results: bench/target/realworld.md (report) and bench/target/realworld-findings.tsv (every finding, for diffs).
#   bench/realworld.sh [artifact ...]     # default: every artifact of the list
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LIST=$ROOT/bench/realworld/artifacts.tsv
OUT=$ROOT/bench/target/realworld
WORK=$ROOT/bench/target/realworld-work
mkdir -p "$OUT" "$WORK"

# A throwaway pom whose only job is maven-dependency-plugin's unpack of every listed sources jar.
{
  cat <<'POM'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.dbcheck</groupId>
  <artifactId>dbcheck-realworld-fetch</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.8.1</version>
        <configuration>
          <artifactItems>
POM
  grep -v '^#' "$LIST" | tail -n +2 | while IFS=$'\t' read -r id g a v _; do
    printf '            <artifactItem><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>' "$g" "$a" "$v"
    printf '<classifier>sources</classifier><type>jar</type><outputDirectory>%s/%s</outputDirectory></artifactItem>\n' "$OUT" "$id"
  done
  cat <<'POM'
          </artifactItems>
          <markersDirectory>${project.build.directory}/markers</markersDirectory>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
} > "$WORK/pom.xml"
# A folder unpacked from another version (the list changed) would mix two versions' files: start it afresh.
grep -v '^#' "$LIST" | tail -n +2 | while IFS=$'\t' read -r id g a v _; do
  [ -f "$WORK/target/markers/$g-$a-jar-sources-$v.marker" ] || rm -rf "${OUT:?}/$id"
done
mvn -q -B -f "$WORK/pom.xml" dependency:unpack

# Build the bench module (no install: reactor jars come from this clone) and get its runtime classpath.
mvn -q -B -Pbench -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=runtime
CP=$ROOT/bench/target/classes:$(cat "$WORK/classpath.txt")

# COMPARE_FILTER=yes: every artifact also without the relevance filter, compared (a table at the report's end).
java -Xmx2g -Ddbcheck.compareFilter=$([ "${COMPARE_FILTER:-no}" = yes ] && echo true || echo false) \
  -cp "$CP" dev.dbcheck.bench.RealWorldRun "$LIST" "$OUT" "$ROOT/bench/realworld/triage.tsv" \
  "$ROOT/bench/realworld/missed.tsv" "$ROOT/bench/target/realworld.md" "$ROOT/bench/target/realworld-findings.tsv" "$@"
echo "report: bench/target/realworld.md; every finding: bench/target/realworld-findings.tsv; unreadable files and statements: bench/target/realworld-errors.tsv"
