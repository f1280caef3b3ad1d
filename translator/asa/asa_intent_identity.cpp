#include "asa/asa_intent_identity.h"

#include "common/text_case.h"

namespace ikeshift::model {

namespace detail {

IkeIdentity derive_local_identity(const asa::AsaConfig& cfg, Diagnostics& diag) {
  IkeIdentity id;
  if (!cfg.isakmp_identity) return id;  // auto: the address, for pre-shared keys
  const auto& conf = *cfg.isakmp_identity;
  id.span = conf.span;
  std::string kind = lower_ascii(conf.kind.text);
  if (kind == "key-id" && conf.key_id) {
    id.type = IkeIdentity::Type::KeyId;
    id.value = conf.key_id->text;
  } else if (kind == "hostname") {
    if (!cfg.hostname) {
      diag.warning("INTENT-IDENTITY-NO-HOSTNAME",
                   "`crypto isakmp identity hostname` but the configuration has no hostname; "
                   "the identity the device sends cannot be known, the address is assumed",
                   "add the `hostname` (and `domain-name`) lines of the device", conf.span);
      return id;
    }
    id.type = IkeIdentity::Type::Fqdn;
    id.value = cfg.hostname->text;
    if (cfg.domain_name) id.value += "." + cfg.domain_name->text;
  }
  return id;
}

}  // namespace detail
}  // namespace ikeshift::model
