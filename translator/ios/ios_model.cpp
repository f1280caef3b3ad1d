#include "ios/ios_model.h"

#include <algorithm>

namespace ikeshift::ios {

namespace {

template <class T, class Key>
const T* by_name(const std::vector<T>& v, const std::string& name, Key key) {
  auto it = std::find_if(v.begin(), v.end(), [&](const T& x) { return key(x) == name; });
  return it == v.end() ? nullptr : &*it;
}

}  // namespace

const Interface* IosConfig::interface(const std::string& name) const {
  return by_name(interfaces, name, [](const Interface& x) { return x.name.text; });
}
const AccessList* IosConfig::access_list(const std::string& name) const {
  return by_name(access_lists, name, [](const AccessList& x) { return x.name; });
}
const TransformSet* IosConfig::transform_set(const std::string& name) const {
  return by_name(transform_sets, name, [](const TransformSet& x) { return x.name.text; });
}
const IpsecProfile* IosConfig::ipsec_profile(const std::string& name) const {
  return by_name(ipsec_profiles, name, [](const IpsecProfile& x) { return x.name.text; });
}
const Ikev2Profile* IosConfig::ikev2_profile(const std::string& name) const {
  return by_name(ikev2_profiles, name, [](const Ikev2Profile& x) { return x.name.text; });
}
const Ikev2Keyring* IosConfig::ikev2_keyring(const std::string& name) const {
  return by_name(ikev2_keyrings, name, [](const Ikev2Keyring& x) { return x.name.text; });
}
const Ikev2Proposal* IosConfig::ikev2_proposal(const std::string& name) const {
  return by_name(ikev2_proposals, name, [](const Ikev2Proposal& x) { return x.name.text; });
}
const IsakmpProfile* IosConfig::isakmp_profile(const std::string& name) const {
  return by_name(isakmp_profiles, name, [](const IsakmpProfile& x) { return x.name.text; });
}

}  // namespace ikeshift::ios
