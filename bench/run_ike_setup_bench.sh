#!/usr/bin/env bash
# IKE_SA+CHILD_SA setups per second: ikeshift's initiator (bench/ike_setup_bench)
# as load generator in one network namespace, the responder (`ikeshift engine`
# or strongSwan charon) in another, joined by a veth pair. Needs root, iproute2,
# taskset, openssl and (for charon) the packages of docs/interop.md.
#
#   bench/run_ike_setup_bench.sh [-b BUILD_DIR] [-n PEERS] [-w WINDOW] [-g "14 19"] [-r "ikeshift charon"]
#                                [-e "EXTRA ikeshift engine ARGS"]   e.g. -e "--log-level informational --diagnostics off"
#                                [-S]   the generator sleeps when it has nothing to read (default: it polls,
#                                       so the responder's core never pays to wake it; see --wake-cost)
#                                [-q]   responders only: skip openssl speed, --dh-speed and --in-process
#                                [-R N] N runs of every responder and group, interleaved; prints each run,
#                                       the medians and (without -q) each run's share of the DH bound, which
#                                       is measured (1 s of `openssl speed` on core 0) just before that run
#
# Core 0: the responder (charon's threads too), core 1: the generator.
# Prints the exact commands it runs (lines starting with "+ ") and a Markdown table.
set -euo pipefail

BUILD=build PEERS=1000 WINDOW=64 GROUPS_LIST="14 19" RESPONDERS="ikeshift charon" ENGINE_ARGS="" QUICK="" REPEATS=1 POLL=--poll
while getopts b:n:w:g:r:e:qSR: opt; do
  case $opt in
    b) BUILD=$OPTARG ;; n) PEERS=$OPTARG ;; w) WINDOW=$OPTARG ;; g) GROUPS_LIST=$OPTARG ;;
    r) RESPONDERS=$OPTARG ;; e) ENGINE_ARGS=$OPTARG ;; q) QUICK=1 ;; S) POLL="" ;; R) REPEATS=$OPTARG ;; *) exit 2 ;;
  esac
done
[[ $REPEATS =~ ^[1-9][0-9]*$ ]] || { echo "-R wants a number of runs (1 or more), not '$REPEATS'" >&2; exit 2; }
GEN=$(realpath "$BUILD/bench/ike_setup_bench")
IKESHIFT=$(realpath "$BUILD/ikeshift")
[[ $(id -u) == 0 ]] || { echo "run as root (network namespaces)" >&2; exit 2; }

NI="ikb-$$-i" NR="ikb-$$-r" VI="ikb$$i" VR="ikb$$r"
DIR=$(mktemp -d "/tmp/ikb-$$-XXXX")
RESP_PID=""

stop_responder() {
  if [[ -n $RESP_PID ]]; then
    kill -TERM "$RESP_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$RESP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$RESP_PID" 2>/dev/null || true
    wait "$RESP_PID" 2>/dev/null || true
    RESP_PID=""
  fi
}
cleanup() {
  stop_responder
  ip netns del "$NI" 2>/dev/null || true
  ip netns del "$NR" 2>/dev/null || true
  [[ -n ${KEEP:-} ]] || rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

x() { echo "+ $*" >&2; "$@"; }

# --- namespaces ---------------------------------------------------------------
x ip netns add "$NI"
x ip netns add "$NR"
x ip link add "$VI" type veth peer name "$VR"
x ip link set "$VI" netns "$NI"
x ip link set "$VR" netns "$NR"
x ip -n "$NI" addr add 192.0.2.1/24 dev "$VI"
x ip -n "$NR" addr add 192.0.2.2/24 dev "$VR"
for ns in "$NI" "$NR"; do x ip -n "$ns" link set lo up; done
x ip -n "$NI" link set "$VI" up
x ip -n "$NR" link set "$VR" up
# Initiator addresses 10.1.(i/200).(i%200+1)/32 on lo (what ike_setup_bench uses).
for ((i = 0; i < PEERS; i++)); do echo "addr add 10.1.$((i / 200)).$((i % 200 + 1))/32 dev lo"; done > "$DIR/addrs"
x ip -n "$NI" -batch "$DIR/addrs"
x ip -n "$NR" route add 10.1.0.0/16 via 192.0.2.1
# The responder's protected subnet (charon's libipsec routes need a local source in it).
x ip -n "$NR" addr add 10.20.20.1/32 dev lo

wait_udp500() {  # in the responder namespace
  for _ in $(seq 100); do
    ip netns exec "$NR" ss -uln | grep -q '192.0.2.2:500 \|0.0.0.0:500 \|\*:500 ' && return 0
    sleep 0.1
  done
  echo "responder did not open UDP 500" >&2; return 1
}

start_ikeshift() {  # group
  x "$GEN" --write-responder-config "$DIR/responder-$1.cfg" --peers "$PEERS" --group "$1"
  echo "+ ip netns exec $NR taskset -c 0 $IKESHIFT engine --config $DIR/responder-$1.cfg --log-format asa $ENGINE_ARGS >$DIR/ikeshift-$1.log 2>&1 &" >&2
  # shellcheck disable=SC2086 # ENGINE_ARGS is a list of words
  ip netns exec "$NR" taskset -c 0 "$IKESHIFT" engine --config "$DIR/responder-$1.cfg" --log-format asa $ENGINE_ARGS \
    > "$DIR/ikeshift-$1.log" 2>&1 &
  RESP_PID=$!
  wait_udp500
}

start_charon() {  # group
  local proposal d="$DIR/charon-$1"
  [[ $1 == 14 ]] && proposal=aes256-sha256-modp2048 || proposal=aes256-sha256-ecp256
  # A fresh directory per run: a repeat must not find the last run's vici
  # socket (and take it for the new charon's) or its pid file.
  rm -rf "$d"
  mkdir -p "$d/run"
  cat > "$d/strongswan.conf" <<EOF
charon {
  load = random nonce openssl aes sha1 sha2 hmac gmp curve25519 kdf pem pkcs1 x509 pubkey revocation constraints kernel-libipsec kernel-netlink socket-default vici
  install_routes = yes
  # The generator keeps up to WINDOW setups half-open; the default threshold
  # (30) would answer with COOKIE, which ikeshift's initiator does not do yet.
  dos_protection = no
  cookie_threshold = 1000000
  ikesa_table_size = 4096
  ikesa_table_segments = 16
  plugins {
    vici { socket = unix://$d/charon.vici }
  }
  filelog {
    main {
      path = $d/charon.log
      default = 1
      ike = 1
      time_format = %H:%M:%S
    }
  }
}
EOF
  cat > "$d/swanctl.conf" <<EOF
connections {
  bench {
    version = 2
    local_addrs = 192.0.2.2
    remote_addrs = 10.1.0.0/16
    proposals = $proposal
    local { auth = psk
      id = 192.0.2.2 }
    remote { auth = psk
      id = %any }
    children {
      net {
        local_ts = 10.20.20.0/24
        remote_ts = 10.128.0.0/16
        esp_proposals = aes256-sha256
        start_action = none
      }
    }
  }
}
secrets {
  ike-bench { secret = "bench-psk-1234" }
}
EOF
  echo "+ ip netns exec $NR taskset -c 0 unshare -m --propagation private sh -c 'mount --bind \"\$1\" /run && exec env STRONGSWAN_CONF=\"\$2\" /usr/lib/ipsec/charon' - $d/run $d/strongswan.conf &" >&2
  ip netns exec "$NR" taskset -c 0 unshare -m --propagation private \
    sh -c 'mount --bind "$1" /run && exec env STRONGSWAN_CONF="$2" /usr/lib/ipsec/charon' - "$d/run" "$d/strongswan.conf" \
    > "$d/charon.stdout" 2>&1 &
  RESP_PID=$!
  for _ in $(seq 100); do [[ -S $d/charon.vici ]] && break; sleep 0.1; done
  x swanctl --load-all --uri "unix://$d/charon.vici" --file "$d/swanctl.conf" > "$d/load.out"
  wait_udp500
}

declare -A RESULT BOUND
kv() { grep "^$2=" <<< "$1" | cut -d= -f2; }
# The bound: each setup costs the responder one key pair and one derive, and
# `openssl speed` times derives, so (taking a key pair as dear as a derive)
# bound = derives per second / 2. One second of `openssl speed` on the
# responder's core (which also lets the responder settle before the RSS baseline).
dh_bound_now() {  # group
  local alg pattern
  [[ $1 == 14 ]] && alg=ffdh2048 pattern='2048 bits ffdh' || alg=ecdhp256 pattern=nistp256
  taskset -c 0 openssl speed -seconds 1 "$alg" 2>/dev/null | awk -v p="$pattern" 'index($0, p) { v = $NF } END { print v / 2 }'
}

# Runs interleaved (every responder and group once, then again), so a slow
# spell of this VM falls on all of them rather than on one.
for ((k = 1; k <= REPEATS; k++)); do
  for g in $GROUPS_LIST; do
    for r in $RESPONDERS; do
      "start_$r" "$g"
      if [[ -z $QUICK ]]; then
        # This run's DH bound, measured in the same minute as the run: the VM's
        # speed drifts over minutes, so a bound taken once at the end would
        # compare a run with another moment's machine.
        BOUND[$r,$g,$k]=$(dh_bound_now "$g")
        echo "  dh_bound_setups_per_s=${BOUND[$r,$g,$k]}" >&2
      else
        sleep 1  # let the responder settle before the RSS baseline
      fi
      out=$(x ip netns exec "$NI" taskset -c 1 "$GEN" --run --encap --peers "$PEERS" --group "$g" --window "$WINDOW" \
        --responder 192.0.2.2 --responder-pid "$RESP_PID" --timeout 300 $POLL) || echo "generator: not every SA came up" >&2
      echo "$out" | sed 's/^/  /' >&2
      RESULT[$r,$g,$k]=$out
      stop_responder
    done
  done
done

if [[ -z $QUICK ]]; then
  echo "+ taskset -c 0 openssl speed -seconds 3 ffdh2048 ecdhp256" >&2
  speed=$(taskset -c 0 openssl speed -seconds 3 ffdh2048 ecdhp256 2>/dev/null)
  ffdh=$(awk '/2048 bits ffdh/ {print $NF}' <<< "$speed" | tail -1)
  ecdh=$(awk '/nistp256/ {print $NF}' <<< "$speed" | tail -1)
  echo "$speed" | tail -6 >&2
  dh14=$(x taskset -c 0 "$GEN" --dh-speed --group 14 --iterations 3000)
  dh19=$(x taskset -c 0 "$GEN" --dh-speed --group 19 --iterations 20000)
  ip14=$(x taskset -c 0 "$GEN" --in-process --encap --peers "$PEERS" --group 14 --window "$WINDOW")
  ip19=$(x taskset -c 0 "$GEN" --in-process --encap --peers "$PEERS" --group 19 --window "$WINDOW")
  wake=$(x "$GEN" --wake-cost --iterations 3000)

  printf '\nDH: openssl speed derive/s ffdh2048=%s ecdhp256=%s\n' "$ffdh" "$ecdh"
  printf 'engine DH (keygen+derive)/s: modp2048=%s ecp256=%s\n' "$(kv "$dh14" keygen_plus_derive_per_s)" "$(kv "$dh19" keygen_plus_derive_per_s)"
  printf 'engine DH keygen/s, derive/s: modp2048=%s, %s  ecp256=%s, %s\n\n' "$(kv "$dh14" keygen_per_s)" \
    "$(kv "$dh14" derive_per_s)" "$(kv "$dh19" keygen_per_s)" "$(kv "$dh19" derive_per_s)"
  printf 'waking a sleeping thread on core 1 costs the writer on core 0: %s us (a write with nobody to wake: %s us)\n\n' \
    "$(kv "$wake" write_waking_other_core_us)" "$(kv "$wake" write_nobody_waiting_us)"
fi

group_name() { [[ $1 == 14 ]] && echo "modp2048 (14)" || echo "ecp256 (19)"; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| Responder | Group | Run | SAs up / tried | Wall (s) | Setups/s | Responder CPU (s) | Responder CPU/setup (us) | Generator CPU (s) | RSS before (MB) | RSS after (MB) | KB per SA | DH bound (setups/s) | Wall / bound | Per core / bound |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
declare -A RATES CPUS BOUNDS WSHARES CSHARES
for g in $GROUPS_LIST; do
  for r in $RESPONDERS; do
    for ((k = 1; k <= REPEATS; k++)); do
      o=${RESULT[$r,$g,$k]}
      up=$(kv "$o" established_with_child) wall=$(kv "$o" wall_s) rate=$(kv "$o" setups_per_s)
      cpu=$(kv "$o" responder_cpu_s) gcpu=$(kv "$o" generator_cpu_s)
      b=$(kv "$o" responder_rss_before_kb) a=$(kv "$o" responder_rss_after_kb)
      bound=${BOUND[$r,$g,$k]:-}
      # CPU per setup and the two shares of the bound, once for the row and the medians.
      read -r cpu_us wshare cshare < <(awk -v up="$up" -v c="$cpu" -v rate="$rate" -v bound="$bound" 'BEGIN {
        print (up ? c * 1e6 / up : 0), (bound == "" ? "-" : 100 * rate / bound), (bound == "" ? "-" : (c > 0 ? 100 * up / c / bound : 0)) }')
      awk -v r="$r" -v g="$(group_name "$g")" -v k="$k" -v up="$up" -v n="$PEERS" -v w="$wall" -v rate="$rate" -v c="$cpu" \
        -v cu="$cpu_us" -v gc="$gcpu" -v b="$b" -v a="$a" -v bound="$bound" -v ws="$wshare" -v cs="$cshare" 'BEGIN {
          printf "| %s | %s | %d | %d / %d | %.3f | %.0f | %.3f | %.0f | %.2f | %.1f | %.1f | %.1f |", r, g, k, up, n, w, rate, c,
            cu, gc, b / 1024, a / 1024, (up ? (a - b) / up : 0)
          if (bound == "") print " (-q) | | |"
          else printf " %.0f | %.0f%% | %.0f%% |\n", bound, ws, cs }'
      RATES[$r,$g]+="$rate "
      CPUS[$r,$g]+="$cpu_us "
      if [[ -n $bound ]]; then
        BOUNDS[$r,$g]+="$bound "
        WSHARES[$r,$g]+="$wshare "
        CSHARES[$r,$g]+="$cshare "
      fi
    done
  done
done

echo
echo "| Responder | Group | Runs | Median setups/s (wall) | Median CPU/setup (us) | Median DH bound (setups/s) | Wall / bound (median of the runs' shares; runs >= 70%) | Per core / bound (median; runs >= 70%) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for g in $GROUPS_LIST; do
  for r in $RESPONDERS; do
    mr=$(median <<< "${RATES[$r,$g]}") mc=$(median <<< "${CPUS[$r,$g]}")
    if [[ -n $QUICK ]]; then
      awk -v r="$r" -v g="$(group_name "$g")" -v n="$REPEATS" -v mr="$mr" -v mc="$mc" \
        'BEGIN { printf "| %s | %s | %d | %.0f | %.0f | (-q) | | |\n", r, g, n, mr, mc }'
      continue
    fi
    # Each run against its own bound; the medians are of those shares.
    mb=$(median <<< "${BOUNDS[$r,$g]}") mw=$(median <<< "${WSHARES[$r,$g]}") mcs=$(median <<< "${CSHARES[$r,$g]}")
    awk -v r="$r" -v g="$(group_name "$g")" -v n="$REPEATS" -v mr="$mr" -v mc="$mc" -v mb="$mb" -v mw="$mw" -v mcs="$mcs" \
      -v ws="${WSHARES[$r,$g]}" -v cs="${CSHARES[$r,$g]}" 'BEGIN {
        nw = split(ws, w, " "); nc = split(cs, c, " "); wok = 0; cok = 0
        for (i = 1; i <= nw; i++) if (w[i] >= 70) wok++
        for (i = 1; i <= nc; i++) if (c[i] >= 70) cok++
        printf "| %s | %s | %d | %.0f | %.0f | %.0f | %.0f%%; %d of %d | %.0f%%; %d of %d |\n", r, g, n, mr, mc, mb, mw, wok, n, mcs, cok, n }'
  done
done
[[ -n $QUICK ]] && exit 0
echo
echo "| In-process (MemoryNetwork, one core) | Setups/s, both ends | Responder us/setup | Responder-only setups/s |"
echo "|---|---:|---:|---:|"
for g in 14 19; do
  v=ip$g
  printf '| group %s | %.0f | %.0f | %.0f |\n' "$g" "$(kv "${!v}" both_ends_setups_per_s)" \
    "$(kv "${!v}" responder_us_per_setup)" "$(kv "${!v}" responder_only_setups_per_s)"
done
