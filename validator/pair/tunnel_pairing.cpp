#include "validator/pair/tunnel_pairing.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "translate/writer.h"

namespace ikeshift::validator {

namespace {

using Key = std::tuple<uint32_t, uint32_t, uint8_t, uint16_t, uint16_t, uint32_t, uint32_t, uint8_t,
                       uint16_t, uint16_t>;

Key key_of(const model::TrafficSelector& local, const model::TrafficSelector& remote) {
  return {local.addresses.first,  local.addresses.last,  local.protocol,  local.port_first,
          local.port_last,        remote.addresses.first, remote.addresses.last, remote.protocol,
          remote.port_first,      remote.port_last};
}

bool has_peer(const model::Tunnel& t, const std::optional<uint32_t>& address) {
  return address && std::find(t.peers.begin(), t.peers.end(), *address) != t.peers.end();
}

// A tunnel "points at" the other device when one of its peers is an address of
// a tunnel there (the other device's outside addresses).
bool points_at(const model::Tunnel& t, const model::Intent& other) {
  for (const model::Tunnel& o : other.tunnels)
    if (has_peer(t, o.local_address)) return true;
  return false;
}

}  // namespace

bool selectors_mirror(const std::vector<model::SelectorPair>& a,
                      const std::vector<model::SelectorPair>& b) {
  if (a.empty() || b.empty()) return false;
  std::set<Key> left, right;
  for (const auto& s : a) left.insert(key_of(s.local, s.remote));
  for (const auto& s : b) right.insert(key_of(s.remote, s.local));
  return left == right;
}

std::string tunnel_label(const ConfigSubject& s, const model::Tunnel& t) {
  return s.intent != nullptr ? translate::tunnel_label(*s.intent, t) : "crypto map " + t.map + " " + std::to_string(t.sequence);
}

std::string device_label(const ConfigSubject& s) {
  if (s.intent != nullptr && !s.intent->device.empty()) return s.intent->device;
  return s.file;
}

PairSubject pair_tunnels(const ConfigSubject& a, const ConfigSubject& b) {
  PairSubject out;
  out.a = &a;
  out.b = &b;
  const auto& ta = a.intent->tunnels;
  const auto& tb = b.intent->tunnels;
  std::vector<bool> used_a(ta.size()), used_b(tb.size());
  auto take = [&](size_t i, size_t j) {
    used_a[i] = used_b[j] = true;
    TunnelPair p;
    p.a = &ta[i];
    p.b = &tb[j];
    p.a_reaches_b = has_peer(ta[i], tb[j].local_address);
    p.b_reaches_a = has_peer(tb[j], ta[i].local_address);
    out.pairs.push_back(p);
  };
  // 1. Both directions match; 2. one direction; 3. mirrored ACLs only.
  for (int pass = 0; pass < 3; ++pass) {
    for (size_t i = 0; i < ta.size(); ++i) {
      if (used_a[i]) continue;
      for (size_t j = 0; j < tb.size(); ++j) {
        if (used_b[j]) continue;
        const bool ab = has_peer(ta[i], tb[j].local_address);
        const bool ba = has_peer(tb[j], ta[i].local_address);
        const bool mirror = selectors_mirror(ta[i].selectors, tb[j].selectors);
        const bool fits = pass == 0 ? (ab && ba) : pass == 1 ? (ab || ba) : mirror;
        // With one direction only, prefer partners whose ACLs mirror when several fit.
        if (fits && (pass != 1 || mirror || std::none_of(tb.begin(), tb.end(), [&](const model::Tunnel& o) {
                       const size_t k = static_cast<size_t>(&o - tb.data());
                       return !used_b[k] && k != j && (has_peer(ta[i], o.local_address) ||
                                                       has_peer(o, ta[i].local_address)) &&
                              selectors_mirror(ta[i].selectors, o.selectors);
                     }))) {
          take(i, j);
          break;
        }
      }
    }
  }
  for (size_t i = 0; i < ta.size(); ++i)
    if (!used_a[i] && points_at(ta[i], *b.intent)) out.a_unpaired.push_back(&ta[i]);
  for (size_t j = 0; j < tb.size(); ++j)
    if (!used_b[j] && points_at(tb[j], *a.intent)) out.b_unpaired.push_back(&tb[j]);
  std::sort(out.pairs.begin(), out.pairs.end(), [](const TunnelPair& x, const TunnelPair& y) {
    return x.a->span.line < y.a->span.line;
  });
  return out;
}

}  // namespace ikeshift::validator
