# Two namespaces joined by a veth pair and two strongSwan charons in them,
# the lab of ../../shared/tools/strongswan-pair.sh and of the interop tests
# (tests/interop/netns_lab.cpp, strongswan_peer.cpp) for the scripts that
# need it outside the test binary: bench/run_esp_throughput_bench.sh and
# fixtures/captures/make_esp_captures.sh. Sourced, not run (bash).
#
#   pair_netns NS_A NS_B VETH_A VETH_B
#       A 192.0.2.1/24 <-> B 192.0.2.2/24 on the veth pair, the protected
#       hosts 10.10.10.1 (A) and 10.20.20.1 (B) on lo.
#   pair_charons DIR NS_A NS_B ESP_PROPOSALS SECRET [FILELOG_LINES]
#       charon A and B (configuration, log and vici socket in DIR/A, DIR/B;
#       output in DIR/SIDE/charon.out), IKEv2 with aes256-sha256-modp2048 and
#       a PSK, connection s2s with child net 10.10.10.0/24 <-> 10.20.20.0/24
#       and ESP_PROPOSALS; loads both and initiates from A. FILELOG_LINES go
#       into the log section (e.g. "chd = 4" for the CHILD SA keymat). The
#       pids are appended to the caller's PIDS array.
#
# Every command is printed ("+ ...") on stderr before it runs.

# kernel-libipsec must come BEFORE kernel-netlink: the first kernel_ipsec
# backend registered wins, so SAs live in userspace (this kernel has no ESP).
CHARON_PAIR_PLUGINS="random nonce openssl aes sha1 sha2 hmac gmp curve25519 kdf pem pkcs1 x509 pubkey revocation constraints kernel-libipsec kernel-netlink socket-default vici"

_pair_x() { echo "+ $*" >&2; "$@"; }

pair_netns() {  # NS_A NS_B VETH_A VETH_B
  local na=$1 nb=$2 va=$3 vb=$4
  _pair_x ip netns add "$na"
  _pair_x ip netns add "$nb"
  _pair_x ip link add "$va" netns "$na" type veth peer name "$vb" netns "$nb"
  for ns in "$na" "$nb"; do _pair_x ip -n "$ns" link set lo up; done
  _pair_x ip -n "$na" addr add 192.0.2.1/24 dev "$va"
  _pair_x ip -n "$nb" addr add 192.0.2.2/24 dev "$vb"
  _pair_x ip -n "$na" link set "$va" up
  _pair_x ip -n "$nb" link set "$vb" up
  _pair_x ip -n "$na" addr add 10.10.10.1/32 dev lo
  _pair_x ip -n "$nb" addr add 10.20.20.1/32 dev lo
}

_pair_charon_configs() {  # DIR SIDE ESP SECRET FILELOG_LINES
  local dir=$1 side=$2 esp=$3 secret=$4 log_lines=$5
  local me=192.0.2.1 peer=192.0.2.2 lts=10.10.10.0/24 rts=10.20.20.0/24
  [[ $side == B ]] && me=192.0.2.2 peer=192.0.2.1 lts=10.20.20.0/24 rts=10.10.10.0/24
  mkdir -p "$dir/$side/run"
  cat > "$dir/$side/strongswan.conf" <<C
charon {
  load = $CHARON_PAIR_PLUGINS
  install_routes = yes
  plugins { vici { socket = unix://$dir/$side/charon.vici } }
  filelog { main { path = $dir/$side/charon.log
    default = 1
    $log_lines } }
}
C
  cat > "$dir/$side/swanctl.conf" <<C
connections { s2s { version = 2
  local_addrs = $me
  remote_addrs = $peer
  proposals = aes256-sha256-modp2048
  local { auth = psk
    id = $me }
  remote { auth = psk
    id = $peer }
  children { net { local_ts = $lts
    remote_ts = $rts
    esp_proposals = $esp } } } }
secrets { ike-1 { id-1 = 192.0.2.1
  id-2 = 192.0.2.2
  secret = $secret } }
C
}

pair_charons() {  # DIR NS_A NS_B ESP_PROPOSALS SECRET [FILELOG_LINES]
  local dir=$1 na=$2 nb=$3 esp=$4 secret=$5 log_lines=${6:-}
  local side ns
  for side in A B; do
    ns=$na
    [[ $side == B ]] && ns=$nb
    _pair_charon_configs "$dir" "$side" "$esp" "$secret" "$log_lines"
    # charon's pid file is compiled in: each instance gets its own /run.
    echo "+ STRONGSWAN_CONF=$dir/$side/strongswan.conf ip netns exec $ns unshare -m --propagation private" \
         "sh -c 'mount --bind $dir/$side/run /run && exec /usr/lib/ipsec/charon'" >&2
    STRONGSWAN_CONF="$dir/$side/strongswan.conf" ip netns exec "$ns" unshare -m --propagation private \
      /bin/sh -c 'mount --bind "$1" /run && exec /usr/lib/ipsec/charon' - "$dir/$side/run" \
      > "$dir/$side/charon.out" 2>&1 &
    PIDS+=($!)
  done
  for side in A B; do
    for _ in $(seq 100); do [[ -S $dir/$side/charon.vici ]] && break; sleep 0.1; done
    # --load-all also lists every empty credential directory: its output is
    # only worth reading when it fails.
    echo "+ swanctl --load-all --file $dir/$side/swanctl.conf --uri unix://$dir/$side/charon.vici" >&2
    if ! swanctl --load-all --file "$dir/$side/swanctl.conf" --uri "unix://$dir/$side/charon.vici" \
        > "$dir/$side/load.out" 2>&1; then
      cat "$dir/$side/load.out" >&2
      return 1
    fi
  done
  _pair_x swanctl --initiate --ike s2s --child net --uri "unix://$dir/A/charon.vici" >/dev/null
}
