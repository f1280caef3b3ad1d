#!/usr/bin/env bash
# TCP throughput through the tunnel: ikeshift's userspace ESP data plane
# (`ikeshift engine --data-plane`) between two namespaces, against two
# strongSwan charons with kernel-libipsec on the same topology (the
# reference: 285-401 Mbit/s measured here for AES-256/SHA-256). iperf3 from
# the protected host of A (10.10.10.1) to that of B (10.20.20.1), over a
# veth pair of MTU 1500; both TUN devices (ikeshift0 / ipsec0) MTU 1400.
#
#   bench/run_esp_throughput_bench.sh [-b BUILD_DIR] [-t SECONDS] [-n RUNS] [-s "aes256-sha256 aes256gcm16"]
#                                     [-i "ikeshift-udp ikeshift-raw charon"]
#
# ikeshift-udp forces UDP-4500 encapsulation (what libipsec always does),
# ikeshift-raw uses raw ESP (nat-t-disable). Needs root, iproute2, iperf3,
# and strongSwan as in docs/interop.md. Prints every command it runs
# ("+ ..."), the load average, and a Markdown table (median of the runs).
set -euo pipefail

BUILD=build SECONDS_PER_RUN=10 RUNS=3 SUITES="aes256-sha256 aes256gcm16" IMPLS="ikeshift-udp ikeshift-raw charon"
while getopts b:t:n:s:i: opt; do
  case $opt in
    b) BUILD=$OPTARG ;; t) SECONDS_PER_RUN=$OPTARG ;; n) RUNS=$OPTARG ;; s) SUITES=$OPTARG ;; i) IMPLS=$OPTARG ;;
    *) exit 2 ;;
  esac
done
IKESHIFT=$(realpath "$BUILD/ikeshift")
[[ $(id -u) == 0 ]] || { echo "run as root (network namespaces)" >&2; exit 2; }
command -v iperf3 >/dev/null || { echo "iperf3 is not installed (apt-get install iperf3)" >&2; exit 2; }

# pair_netns, pair_charons: the lab shared with fixtures/captures/make_esp_captures.sh.
source "$(dirname "$0")/../tests/tools/charon_pair.sh"

NA="espb-$$-a" NB="espb-$$-b" VA="eb$$a" VB="eb$$b"
DIR=$(mktemp -d "/tmp/espb-$$-XXXX")
PIDS=()

x() { echo "+ $*" >&2; "$@"; }
stop_all() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  PIDS=()
  for ns in "$NA" "$NB"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
  done
}
cleanup() {
  stop_all
  ip netns del "$NA" 2>/dev/null || true
  ip netns del "$NB" 2>/dev/null || true
  [[ -n ${KEEP:-} ]] || rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

lab() {
  ip netns del "$NA" 2>/dev/null || true
  ip netns del "$NB" 2>/dev/null || true
  pair_netns "$NA" "$NB" "$VA" "$VB"
}

asa_config() {  # hostname outside peer local remote encryption integrity natt-disable
  cat <<C
ASA Version 9.8(4)
hostname $1
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address $2 255.255.255.0
access-list BENCH extended permit ip $4 255.255.255.0 $5 255.255.255.0
crypto ipsec ikev2 ipsec-proposal BENCH
 protocol esp encryption $6
 protocol esp integrity $7
crypto map BENCH 10 match address BENCH
crypto map BENCH 10 set peer $3
crypto map BENCH 10 set ikev2 ipsec-proposal BENCH
$( [[ $8 == 1 ]] && echo "crypto map BENCH 10 set nat-t-disable" )
crypto map BENCH interface outside
crypto ikev2 policy 10
 encryption aes-256
 integrity sha256
 group 14
 prf sha256
crypto ikev2 enable outside
tunnel-group $3 type ipsec-l2l
tunnel-group $3 ipsec-attributes
 ikev2 remote-authentication pre-shared-key bench-key
 ikev2 local-authentication pre-shared-key bench-key
C
}

start_ikeshift() {  # suite raw?
  local enc integ
  case $1 in
    aes256-sha256) enc=aes-256 integ=sha-256 ;;
    aes256gcm16) enc=aes-gcm-256 integ=null ;;
    *) echo "unknown suite $1" >&2; exit 2 ;;
  esac
  asa_config A 192.0.2.1 192.0.2.2 10.10.10.0 10.20.20.0 $enc $integ "$2" > "$DIR/a.cfg"
  asa_config B 192.0.2.2 192.0.2.1 10.20.20.0 10.10.10.0 $enc $integ "$2" > "$DIR/b.cfg"
  local extra=()
  [[ $2 == 1 ]] || extra=(--force-udp-encapsulation)
  for side in b a; do
    local ns=$NB; [[ $side == a ]] && ns=$NA
    echo "+ ip netns exec $ns $IKESHIFT engine --config $DIR/$side.cfg --data-plane ${extra[*]} --control $DIR/$side.sock" >&2
    ip netns exec "$ns" "$IKESHIFT" engine --config "$DIR/$side.cfg" --data-plane "${extra[@]}" \
      --control "$DIR/$side.sock" > "$DIR/ikeshift-$side.log" 2>&1 &
    PIDS+=($!)
  done
  for _ in $(seq 100); do [[ -S $DIR/a.sock && -S $DIR/b.sock ]] && break; sleep 0.1; done
}

# Two charons as in ../shared/tools/strongswan-pair.sh (kernel-libipsec before kernel-netlink).
start_charon() { # suite
  local esp=$1-modp2048
  [[ $1 == aes256gcm16 ]] && esp=aes256gcm16-modp2048
  pair_charons "$DIR" "$NA" "$NB" "$esp" bench-key
}

measure() {  # -> Mbit/s (receiver side) of one iperf3 run
  ip netns exec "$NB" iperf3 -s -1 -B 10.20.20.1 >/dev/null 2>&1 &
  local server=$!
  sleep 0.3
  echo "+ ip netns exec $NA iperf3 -c 10.20.20.1 -B 10.10.10.1 -t $SECONDS_PER_RUN -J" >&2
  ip netns exec "$NA" iperf3 -c 10.20.20.1 -B 10.10.10.1 -t "$SECONDS_PER_RUN" -J > "$DIR/iperf.json"
  wait "$server" 2>/dev/null || true
  python3 -c 'import json,sys; print("%.0f" % (json.load(open(sys.argv[1]))["end"]["sum_received"]["bits_per_second"]/1e6))' "$DIR/iperf.json"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "| implementation | suite | runs (Mbit/s) | median (Mbit/s) | load avg (1 min) |"
echo "|---|---|---|---:|---:|"
for suite in $SUITES; do
  for impl in $IMPLS; do
    lab
    case $impl in
      ikeshift-udp) start_ikeshift "$suite" 0 ;;
      ikeshift-raw) start_ikeshift "$suite" 1 ;;
      charon) start_charon "$suite" ;;
      *) echo "unknown implementation $impl" >&2; exit 2 ;;
    esac
    # The first packets bring the tunnel up (KEY_ACQUIRE for ikeshift).
    x ip netns exec "$NA" ping -c 3 -i 0.2 -w 10 -I 10.10.10.1 10.20.20.1 >/dev/null
    results=()
    for ((r = 0; r < RUNS; r++)); do results+=("$(measure)"); done
    med=$(printf '%s\n' "${results[@]}" | median)
    echo "| $impl | $suite | ${results[*]} | $med | $(cut -d' ' -f1 /proc/loadavg) |"
    stop_all
  done
done
