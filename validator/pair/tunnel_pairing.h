// Which tunnel of peer A talks to which tunnel of peer B. A pair is matched by
// addresses (A's `set peer` is B's local address, or the other way round) and,
// when the addresses match neither way, by mirrored crypto ACLs, so that a
// wrong peer address is still reported against the tunnel it was meant for.
#pragma once

#include <string>
#include <vector>

#include "model/intent.h"
#include "validator/subject.h"

namespace ikeshift::validator {

struct TunnelPair {
  const model::Tunnel* a = nullptr;
  const model::Tunnel* b = nullptr;
  bool a_reaches_b = false;  // one of A's peers is B's local address
  bool b_reaches_a = false;
};

struct PairSubject {
  const ConfigSubject* a = nullptr;
  const ConfigSubject* b = nullptr;
  std::vector<TunnelPair> pairs;
  // Tunnels of A that point at B (or of B at A) but found no partner.
  std::vector<const model::Tunnel*> a_unpaired, b_unpaired;
};

// The pairs between two configurations (each tunnel is in at most one pair).
PairSubject pair_tunnels(const ConfigSubject& a, const ConfigSubject& b);

// True when the two selector sets are mirror images (A's local = B's remote).
bool selectors_mirror(const std::vector<model::SelectorPair>& a,
                      const std::vector<model::SelectorPair>& b);

// "crypto map vpn 12", "tunnel select 1", "connection gw": the tunnel as its dialect names it.
std::string tunnel_label(const ConfigSubject& s, const model::Tunnel& t);
// The device name for messages: hostname, else the file name.
std::string device_label(const ConfigSubject& s);

}  // namespace ikeshift::validator
