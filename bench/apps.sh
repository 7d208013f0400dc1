#!/usr/bin/env bash
# The application corpus of the real-code run (see BENCHMARKS.md, "Real code"): each application of
# bench/apps/apps.tsv is exported from its fetched snapshot at the pinned commit into bench/target/apps/<id> (Java,
# SQL, XML, YAML, properties and Liquibase JSON changelogs; src/test excluded, as the plugin excludes tests), then
# analysed as ONE project (dev.dbcheck.bench.AppsRun) and compared with the committed triage
# (bench/apps/triage.tsv) and the known misses (bench/apps/missed.tsv).
# Snapshots: bare git directories fetched with the search tool's `fetch github:<owner>/<name>`, found under
# $MIRROR/<owner>+<name>/repo (default MIRROR=/work/.mirror). Nothing of them is committed.
# Results: bench/target/apps.md (report), bench/target/apps-findings.tsv (every finding, for diffs),
# bench/target/apps-errors.tsv (files and statements the engine could not read).
#   bench/apps.sh [app ...]           # default: every application of the list
#   SPEED=yes bench/apps.sh [app ...] # also the speed table (fresh processes: dbcheck cold, JavaParser, pmd:check, the floor;
#                                     # ROUNDS=3 rounds in rotating order), added to the report
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LIST=$ROOT/bench/apps/apps.tsv
MIRROR=${MIRROR:-/work/.mirror}
OUT=$ROOT/bench/target/apps
WORK=$ROOT/bench/target/apps-work
mkdir -p "$OUT" "$WORK"

# 1. Export. A folder exported from another commit (the list changed) is exported afresh.
missing=()
while IFS=$'\t' read -r id repo commit _; do
  [ "$#" -gt 0 ] && [[ " $* " != *" $id "* ]] && continue
  git_dir=$MIRROR/${repo/\//+}/repo
  [ -d "$git_dir/.git" ] && git_dir=$git_dir/.git
  if ! git --git-dir="$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    missing+=("$id")
    echo "apps.sh: no snapshot of $repo at $commit under $git_dir." >&2
    echo "  Fetch it with the search tool: fetch github:$repo (it lands in $MIRROR/${repo/\//+}/repo)," >&2
    echo "  or point MIRROR at the folder that holds <owner>+<name>/repo. A newer snapshot without that commit" >&2
    echo "  cannot reproduce the committed triage: pin the new commit in bench/apps/apps.tsv and triage again." >&2
    continue
  fi
  [ "$(cat "$OUT/$id/.exported-commit" 2>/dev/null)" = "$commit" ] && continue
  rm -rf "${OUT:?}/$id"
  mkdir -p "$OUT/$id"
  # Every blob of the commit with a kept extension, outside src/test; a file of 4 MiB or more is absent from
  # snapshots (so is Git LFS content): skipped, and counted.
  python3 - "$git_dir" "$commit" "$OUT/$id" <<'PY'
import os, subprocess, sys
git_dir, commit, out = sys.argv[1:]
keep = ('.java', '.sql', '.xml', '.yml', '.yaml', '.properties')
listing = subprocess.run(['git', '--git-dir', git_dir, 'ls-tree', '-r', '-l', '-z', commit],
                         check=True, capture_output=True).stdout.split(b'\0')
wanted, skipped = [], []
for entry in filter(None, listing):
    meta, path = entry.split(b'\t', 1)
    mode, kind, sha, size = meta.split()
    name = path.decode('utf-8', 'surrogateescape')
    low = name.lower()
    if kind != b'blob' or mode == b'120000':
        continue
    if not (low.endswith(keep) or (low.endswith('.json') and 'changelog' in os.path.basename(low))):
        continue
    if '/src/test/' in '/' + name:
        continue
    if size == b'-' or int(size) >= 4 * 1024 * 1024:
        skipped.append(name)
        continue
    wanted.append((sha, name))
cat = subprocess.Popen(['git', '--git-dir', git_dir, 'cat-file', '--batch'], stdin=subprocess.PIPE,
                       stdout=subprocess.PIPE)
written = 0
for sha, name in wanted:
    cat.stdin.write(sha + b'\n')
    cat.stdin.flush()
    header = cat.stdout.readline().split()
    if len(header) < 3 or header[1] == b'missing':
        skipped.append(name)
        continue
    data = cat.stdout.read(int(header[2]))
    cat.stdout.read(1)
    target = os.path.join(out, name)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, 'wb') as f:
        f.write(data)
    written += 1
cat.stdin.close()
cat.wait()
print(f'{os.path.basename(out)}: {written} files exported'
      + (f', {len(skipped)} absent from the snapshot (4 MiB or more, or not stored): ' + ', '.join(skipped[:5])
         + (' ...' if len(skipped) > 5 else '') if skipped else ''))
PY
  echo "$commit" > "$OUT/$id/.exported-commit"
done < <(grep -v '^#' "$LIST" | tail -n +2)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "apps.sh: ${#missing[@]} application(s) without a snapshot: ${missing[*]}; the run goes on without them" >&2
fi
apps=("$@")
if [ "${#missing[@]}" -gt 0 ]; then
  [ "${#apps[@]}" -eq 0 ] && apps=($(grep -v '^#' "$LIST" | tail -n +2 | cut -f1))
  apps=($(printf '%s\n' "${apps[@]}" | grep -vxF -f <(printf '%s\n' "${missing[@]}") || true))
  [ "${#apps[@]}" -gt 0 ] || { echo "apps.sh: nothing to analyse" >&2; exit 2; }
fi

# 2. Build the bench module (no install: reactor jars come from this clone) and get its runtime classpath.
mvn -q -B -Pbench -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=runtime
CP=$ROOT/bench/target/classes:$(cat "$WORK/classpath.txt")

# 3. Speed (SPEED=yes): fresh processes per application, before the analysis run so that the table joins its report.
SPEED_MD=$ROOT/bench/target/apps-speed.md
rm -f "$SPEED_MD"
if [ "${SPEED:-no}" = yes ]; then
  java -Dbench.classpath="$CP" -Dbench.rounds="${ROUNDS:-3}" -cp "$CP" dev.dbcheck.bench.AppsSpeed \
    "$LIST" "$OUT" "$WORK" "$SPEED_MD" "$ROOT/bench" "${apps[@]}"
fi

# 4. The analysis, each application as one project, and the comparison with the triage.
java -Xmx3g -Dbench.appendix="$SPEED_MD" -cp "$CP" dev.dbcheck.bench.AppsRun "$LIST" "$OUT" \
  "$ROOT/bench/apps/triage.tsv" "$ROOT/bench/apps/missed.tsv" "$ROOT/bench/target/apps.md" \
  "$ROOT/bench/target/apps-findings.tsv" "${apps[@]}"
echo "report: bench/target/apps.md; every finding: bench/target/apps-findings.tsv; unreadable files and statements: bench/target/apps-errors.tsv"
