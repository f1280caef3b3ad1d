#!/usr/bin/env bash
# Benchmark `ikeshift migrate l2l` on a generated 200k-line ASA running-config.
#
# Generates the input with gen_asa_config, runs the migration RUNS times pinned to one
# core under /usr/bin/time, and prints a Markdown table (min/median wall time, lines/s,
# peak RSS) plus the exact commands, ready to paste into docs/PERFORMANCE.md.
# See bench/README.md for what is measured and the targets.
#
# Usage: bench/run_migrate_bench.sh [-n RUNS] [-h]
# Environment (all optional):
#   BUILD_DIR     build tree holding ikeshift and gen_asa_config   (default: build)
#   GEN           generator binary (default: $BUILD_DIR/gen_asa_config, else
#                 $BUILD_DIR/bench/gen_asa_config, where CMake puts it)
#   RUNS          timed runs                                      (default: 5; -n wins)
#   WARMUP        untimed runs before the timed ones              (default: 1)
#   BENCH_LINES   generated config size in lines                  (default: 200000)
#   BENCH_PEERS   L2L peers in it                                 (default: 300)
#   BENCH_SEED    generator seed                                  (default: 1)
#   CORE          CPU the runs are pinned to with taskset         (default: 0)
#   INPUT         where to write the generated config             (default: in a temp dir)
#   OUT           migrated config written by ikeshift             (default: /tmp/out.cfg)
#   IKESHIFT_CMD  command to time; the input file is appended as the last argument
#                 (default: "$BUILD_DIR/ikeshift migrate l2l -o $OUT"). Use e.g.
#                 IKESHIFT_CMD=cat to test this script without a working ikeshift.
#   OK_EXIT       exit codes that count as a completed run       (default: "0 1"; ikeshift
#                 exits 1 when it reports findings, and the generated config has backup
#                 peers, which it must warn about; 2 means the migration failed)
set -euo pipefail

die() {
    echo "run_migrate_bench: $*" >&2
    exit 1
}

# Shell-quote for display: plain words as they are, anything else in single quotes.
quote() {
    local out=() a
    for a in "$@"; do
        if [[ $a =~ ^[A-Za-z0-9_./=:,+@%-]+$ ]]; then
            out+=("$a")
        else
            out+=("'${a//\'/\'\\\'\'}'")
        fi
    done
    echo "${out[*]}"
}

RUNS=${RUNS:-5}
while getopts ':n:h' opt; do
    case $opt in
    n) RUNS=$OPTARG ;;
    h)
        sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
        exit 0
        ;;
    *) die "usage: $0 [-n RUNS] [-h]" ;;
    esac
done

BUILD_DIR=${BUILD_DIR:-build}
WARMUP=${WARMUP:-1}
BENCH_LINES=${BENCH_LINES:-200000}
BENCH_PEERS=${BENCH_PEERS:-300}
BENCH_SEED=${BENCH_SEED:-1}
CORE=${CORE:-0}
OUT=${OUT:-/tmp/out.cfg}
OK_EXIT=${OK_EXIT:-0 1}
if [[ -z ${GEN:-} ]]; then
    GEN=$BUILD_DIR/gen_asa_config
    [[ -x $GEN || ! -x $BUILD_DIR/bench/gen_asa_config ]] || GEN=$BUILD_DIR/bench/gen_asa_config
fi
IKESHIFT_CMD=${IKESHIFT_CMD:-$BUILD_DIR/ikeshift migrate l2l -o $OUT}

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a non-negative integer, got '$WARMUP'"

# GNU time, not the shell keyword: only it reports peak RSS (%M).
TIME_BIN=/usr/bin/time
[[ -x $TIME_BIN ]] || die "$TIME_BIN not found; install GNU time (Debian/Ubuntu: sudo apt-get install time)"
"$TIME_BIN" -f '%e %M' true 2>/dev/null || die "$TIME_BIN is not GNU time (need -f '%e %M'); install the Debian package 'time'"
command -v taskset >/dev/null || die "taskset not found; install util-linux"
[[ -x $GEN ]] || die "$GEN not found; build it (cmake --build $BUILD_DIR --target gen_asa_config) or set GEN"

# Split the command into words without eval, so paths are never re-interpreted by the shell.
read -r -a CMD <<<"$IKESHIFT_CMD"
((${#CMD[@]} > 0)) || die "IKESHIFT_CMD is empty"
command -v "${CMD[0]}" >/dev/null || die "'${CMD[0]}' not found (build ikeshift, or set IKESHIFT_CMD)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ikeshift-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
INPUT=${INPUT:-$WORK/asa-${BENCH_LINES}.cfg}

GEN_CMD=("$GEN" --seed "$BENCH_SEED" --lines "$BENCH_LINES" --peers "$BENCH_PEERS" -o "$INPUT")
"${GEN_CMD[@]}"
INPUT_LINES=$(wc -l <"$INPUT")
INPUT_BYTES=$(wc -c <"$INPUT")
# The generator promises the requested size; a mismatch means the numbers below lie.
if ((INPUT_LINES * 100 < BENCH_LINES * 99 || INPUT_LINES * 100 > BENCH_LINES * 101)); then
    die "generated $INPUT_LINES lines, expected $BENCH_LINES (+-1%)"
fi

TIMED=(taskset -c "$CORE" "$TIME_BIN" -f '%e %M' -o "$WORK/time" "${CMD[@]}" "$INPUT")

# Wall time is GNU time's %e: it starts at the fork of the measured command, so it is
# free of this script's own overhead (a bash clock around the call measured ~20 ms of
# fork/exec on a busy 2-core box), at the price of 10 ms resolution. Raise BENCH_LINES
# when that matters. %M is the peak RSS of the command in KB.
run_once() {
    # The tool's stdout/stderr go to files: printing 18 MB (IKESHIFT_CMD=cat) would be
    # timed as terminal I/O, and a failure message must stay readable.
    local rc=0
    "${TIMED[@]}" >"$WORK/stdout" 2>"$WORK/stderr" || rc=$?
    if [[ " $OK_EXIT " != *" $rc "* ]]; then
        echo "run_migrate_bench: command failed with exit code $rc: $(quote "${TIMED[@]}")" >&2
        tail -n 20 "$WORK/stderr" "$WORK/time" >&2
        exit 1
    fi
    LAST_RC=$rc
}

for ((i = 0; i < WARMUP; i++)); do run_once; done
: >"$WORK/samples"
for ((i = 1; i <= RUNS; i++)); do
    run_once
    # -o FILE gets the format line last; earlier lines would be "Command exited..." notes.
    read -r wall rss < <(tail -n 1 "$WORK/time")
    echo "$wall $rss" >>"$WORK/samples"
    printf 'run %d/%d: %s s wall, peak RSS %s KB, exit code %d\n' "$i" "$RUNS" "$wall" "$rss" "$LAST_RC" >&2
done

# min/median wall, max RSS; lines/s is computed on the median (and on the best run).
read -r MIN MEDIAN MAX_RSS_KB < <(
    sort -n -k1,1 "$WORK/samples" | awk '
        { wall[NR] = $1; if ($2 > rss) rss = $2 }
        END {
            med = (NR % 2) ? wall[(NR + 1) / 2] : (wall[NR / 2] + wall[NR / 2 + 1]) / 2
            printf "%.3f %.3f %d\n", wall[1], med, rss
        }')

rate() { # lines/s for a wall time
    awk -v l="$INPUT_LINES" -v w="$1" 'BEGIN {
        if (w <= 0) print "n/a (< 10 ms)"; else printf "%d\n", l / w }'
}
RATE_MEDIAN=$(rate "$MEDIAN")
RATE_BEST=$(rate "$MIN")
RSS_MB=$(awk -v k="$MAX_RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')
verdict() { if awk "BEGIN { exit !($1) }"; then echo pass; else echo FAIL; fi; }
RATE_OK=$(verdict "$MEDIAN > 0 && $INPUT_LINES / $MEDIAN >= 1000000")
RSS_OK=$(verdict "$MAX_RSS_KB <= 64 * 1024")

CPU=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)

cat <<EOF

### migrate l2l: ${INPUT_LINES}-line ASA config, ${BENCH_PEERS} L2L peers

| Input lines | Input size | Runs | Min wall (s) | Median wall (s) | Lines/s (median) | Lines/s (best) | Peak RSS (MB) |
|---:|---:|---:|---:|---:|---:|---:|---:|
| ${INPUT_LINES} | $(awk -v b="$INPUT_BYTES" 'BEGIN { printf "%.1f MB", b / 1048576 }') | ${RUNS} | ${MIN} | ${MEDIAN} | ${RATE_MEDIAN} | ${RATE_BEST} | ${RSS_MB} |

Targets: >= 1,000,000 lines/s on one core (median): **${RATE_OK}**; peak RSS <= 64 MB: **${RSS_OK}**.

Host: ${CPU:-unknown CPU}, $(uname -sr), $(date -u +%Y-%m-%d). Pinned to CPU ${CORE}; ${WARMUP} warm-up run(s) not counted; input in page cache; wall = GNU time %e (10 ms resolution), RSS = GNU time %M.

Commands:

\`\`\`sh
$(quote "${GEN_CMD[@]}")
$(quote "${TIMED[@]}")   # x${RUNS}
\`\`\`
EOF
