#!/usr/bin/env bash
# ikeshift check on the seed 004 pair: wall time of the whole check (lab set-up,
# both engines, traffic both ways, report, teardown), and the time from the first
# packet to the tunnel being up, against a strongSwan pair on the same kind of lab
# (../shared/tools/strongswan-pair.sh: two charons in namespaces on a veth,
# kernel-libipsec). Results: docs/PERFORMANCE.md ("ikeshift check").
#
#   bench/run_check_bench.sh [-b BUILD_DIR] [-n RUNS] [-s STRONGSWAN_RUNS]
# Needs root. Prints a Markdown table on stdout, the commands it runs on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=build RUNS=20 SS_RUNS=5
while getopts "b:n:s:" o; do
  case $o in b) BUILD=$OPTARG ;; n) RUNS=$OPTARG ;; s) SS_RUNS=$OPTARG ;; *) exit 2 ;; esac
done
IKESHIFT=$(realpath "$BUILD/ikeshift")
PAIR=$(realpath ../shared/tools/strongswan-pair.sh 2>/dev/null || true)
[[ $(id -u) == 0 ]] || { echo "needs root (network namespaces)" >&2; exit 2; }
DIR=$(mktemp -d /tmp/ikeshift-check-bench-XXXXXX)
trap 'rm -rf "$DIR"' EXIT
x() { echo "+ $*" >&2; "$@"; }

# The pairs: seed 004 as it is (IKEv1, 3DES/SHA-1/modp1536), migrated (IKEv2, same
# algorithms), and migrated with strongswan-pair.sh's suite (AES-256/SHA-256/modp2048).
x "$IKESHIFT" migrate l2l -q --peer-config fixtures/seed004/asa2.cfg --out-dir "$DIR/v2" fixtures/seed004/asa1.cfg
mkdir -p "$DIR/aes"
for f in asa1 asa2; do
  sed -e 's/^ encryption 3des$/ encryption aes-256/' -e 's/^ integrity sha$/ integrity sha256/' \
      -e 's/^ prf sha$/ prf sha256/' -e 's/^ group 5$/ group 14/' -e 's/set pfs group5/set pfs group14/' \
      -e 's/ protocol esp encryption 3des/ protocol esp encryption aes-256/' \
      -e 's/ protocol esp integrity sha-1/ protocol esp integrity sha-256/' "$DIR/v2/$f.cfg" > "$DIR/aes/$f.cfg"
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
minimum() { sort -n | head -1; }

declare -A WALL UP MIN_WALL MIN_UP
for pair in seed v2 aes; do
  case $pair in seed) A=fixtures/seed004/asa1.cfg B=fixtures/seed004/asa2.cfg ;; *) A=$DIR/$pair/asa1.cfg B=$DIR/$pair/asa2.cfg ;; esac
  echo "+ $IKESHIFT check -q --format json $A $B   # x$RUNS" >&2
  : > "$DIR/wall-$pair" ; : > "$DIR/up-$pair"
  for ((i = 0; i < RUNS; i++)); do
    t0=$(date +%s%N)
    "$IKESHIFT" check -q --format json "$A" "$B" > "$DIR/out.json" || { echo "check failed" >&2; cat "$DIR/out.json" >&2; exit 1; }
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >> "$DIR/wall-$pair"
    python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["entries"][0]; print(e["time_to_up_us"])' "$DIR/out.json" >> "$DIR/up-$pair"
  done
  WALL[$pair]=$(median < "$DIR/wall-$pair"); MIN_WALL[$pair]=$(minimum < "$DIR/wall-$pair")
  UP[$pair]=$(median < "$DIR/up-$pair"); MIN_UP[$pair]=$(minimum < "$DIR/up-$pair")
done

declare -A SS
for mode in ikev2 ikev1; do
  SS[$mode]=NA
  [[ -n $PAIR && -x $PAIR ]] || continue
  : > "$DIR/ss-$mode"
  for ((i = 0; i < SS_RUNS; i++)); do
    echo "+ SSP_OUT=$DIR/ss $PAIR $mode" >&2
    SSP_OUT="$DIR/ss" SSP_STATE="$DIR/ss-state" "$PAIR" "$mode" > "$DIR/ss-run.log" 2>&1 || true
    v=$(grep -o 'log_init_to_child_ms=[0-9]*' "$DIR/ss/$mode/summary.txt" | cut -d= -f2 || true)
    [[ -n $v ]] && echo "$v" >> "$DIR/ss-$mode"
  done
  [[ -s $DIR/ss-$mode ]] && SS[$mode]=$(median < "$DIR/ss-$mode")
done

us_ms() { awk -v v="$1" 'BEGIN {printf "%.1f", v / 1000}'; }
echo "| Pair | Runs | check wall, median (min) ms | first packet to first answer, median (min) ms |"
echo "|---|---:|---:|---:|"
echo "| seed 004 as is (IKEv1, 3DES/SHA-1/modp1536) | $RUNS | $(us_ms "${WALL[seed]}") ($(us_ms "${MIN_WALL[seed]}")) | $(us_ms "${UP[seed]}") ($(us_ms "${MIN_UP[seed]}")) |"
echo "| seed 004 migrated (IKEv2, same suite) | $RUNS | $(us_ms "${WALL[v2]}") ($(us_ms "${MIN_WALL[v2]}")) | $(us_ms "${UP[v2]}") ($(us_ms "${MIN_UP[v2]}")) |"
echo "| migrated, AES-256/SHA-256/modp2048 | $RUNS | $(us_ms "${WALL[aes]}") ($(us_ms "${MIN_WALL[aes]}")) | $(us_ms "${UP[aes]}") ($(us_ms "${MIN_UP[aes]}")) |"
echo
echo "| strongSwan pair (strongswan-pair.sh) | Runs | initiating -> CHILD_SA established in charon's log, median ms |"
echo "|---|---:|---:|"
echo "| IKEv2 aes256-sha256-modp2048 | $SS_RUNS | ${SS[ikev2]} |"
echo "| IKEv1 3des-sha1-modp1536 | $SS_RUNS | ${SS[ikev1]} |"
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
