// The dialect-neutral parts of the intent model. Each dialect derives an
// Intent in its own folder (asa/asa_intent.h, ios/ios_intent.h, rtx/rtx_intent.h).
#include "model/intent.h"

#include <algorithm>

namespace ikeshift::model {

const char* identity_type_name(IkeIdentity::Type t) {
  switch (t) {
    case IkeIdentity::Type::Address: return "address";
    case IkeIdentity::Type::Fqdn: return "fqdn";
    case IkeIdentity::Type::KeyId: return "key-id";
  }
  return "?";
}

size_t Intent::count(Severity s) const {
  return static_cast<size_t>(std::count_if(findings.begin(), findings.end(),
                                           [s](const Finding& f) { return f.severity == s; }));
}

const Tunnel* Intent::tunnel(const std::string& map, uint32_t sequence) const {
  for (const Tunnel& t : tunnels) {
    if (t.map == map && t.sequence == sequence) return &t;
  }
  return nullptr;
}

const Interface* Intent::interface(const std::string& name) const {
  for (const Interface& i : interfaces) {
    if (i.name == name) return &i;
  }
  return nullptr;
}

}  // namespace ikeshift::model
