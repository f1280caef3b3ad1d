// Look-ups on AsaConfig. A configuration holds at most a few thousand named
// things, so linear searches keep the model a plain aggregate (no indexes to
// keep in sync while a reader fills it). Names compare case-sensitively, as
// the ASA does; the first definition wins when a reader recorded duplicates.
#include "asa/asa_model.h"

#include <algorithm>

namespace ikeshift::asa {

namespace {

template <typename Container, typename Pred>
auto find_first(const Container& items, Pred pred) -> decltype(&*items.begin()) {
  const auto it = std::find_if(items.begin(), items.end(), pred);
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Interface* AsaConfig::interface_by_nameif(const std::string& nameif) const {
  return find_first(interfaces,
                    [&](const Interface& i) { return i.nameif && i.nameif->text == nameif; });
}

const AccessList* AsaConfig::access_list(const std::string& name) const {
  return find_first(access_lists, [&](const AccessList& a) { return a.name == name; });
}

const TransformSet* AsaConfig::transform_set(const std::string& name) const {
  return find_first(transform_sets, [&](const TransformSet& t) { return t.name.text == name; });
}

const IpsecProposal* AsaConfig::ipsec_proposal(const std::string& name) const {
  return find_first(ipsec_proposals, [&](const IpsecProposal& p) { return p.name.text == name; });
}

const TunnelGroup* AsaConfig::tunnel_group(const std::string& name) const {
  return find_first(tunnel_groups, [&](const TunnelGroup& t) { return t.name == name; });
}

const NetworkObject* AsaConfig::network_object(const std::string& name) const {
  return find_first(network_objects, [&](const NetworkObject& o) { return o.name.text == name; });
}

const NetworkObjectGroup* AsaConfig::network_object_group(const std::string& name) const {
  return find_first(network_object_groups,
                    [&](const NetworkObjectGroup& g) { return g.name.text == name; });
}

const Ikev2Policy* AsaConfig::ikev2_policy(int priority) const {
  return find_first(ikev2_policies, [&](const Ikev2Policy& p) { return p.priority == priority; });
}

const NameEntry* AsaConfig::name_entry(const std::string& name) const {
  return find_first(names, [&](const NameEntry& n) { return n.name.text == name; });
}

// `crypto isakmp enable IF` (pre-8.4) is IKEv1 too; readers record it with version 1.
bool AsaConfig::ike_enabled(int ike_version, const std::string& nameif) const {
  return std::any_of(ike_enables.begin(), ike_enables.end(), [&](const IkeEnable& e) {
    return e.version == ike_version && e.interface.text == nameif;
  });
}

}  // namespace ikeshift::asa
