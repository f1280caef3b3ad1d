#include "validator/subject.h"

namespace ikeshift::validator {

DialectSpelling dialect_spelling(Dialect d) {
  using model::Dialect;
  switch (d) {
    case validator::Dialect::Asa: return {};
    case validator::Dialect::Ios:
      return {Dialect::IosIsakmp, Dialect::IosIkev2, Dialect::IosTransform, Dialect::IosTransform, Dialect::IosTransform};
    case validator::Dialect::Rtx: return {Dialect::Rtx, Dialect::Rtx, Dialect::Rtx, Dialect::Rtx, Dialect::Rtx};
    case validator::Dialect::Swanctl:
      return {Dialect::Strongswan, Dialect::Strongswan, Dialect::Strongswan, Dialect::Strongswan, Dialect::Strongswan};
  }
  return {};
}

DeviceLimits dialect_limits(Dialect d) {
  DeviceLimits l;
  switch (d) {
    case Dialect::Asa: break;
    case Dialect::Ios:
      l.ike_lifetime_min = 60;
      l.ike_lifetime_max = 86400;
      l.ipsec_seconds_min = 120;
      l.ipsec_seconds_max = 2592000;
      l.ipsec_kilobytes_min = 2560;
      l.ipsec_kilobytes_max = 4294967295u;
      break;
    case Dialect::Rtx:
      l.ike_lifetime_min = 300;
      l.ike_lifetime_max = 691200;
      l.ipsec_seconds_min = 300;
      l.ipsec_seconds_max = 691200;
      l.ipsec_kilobytes_min = 100;
      l.ipsec_kilobytes_max = 100000;
      break;
    case Dialect::Swanctl:
      l.ike_lifetime_min = l.ipsec_seconds_min = l.ipsec_kilobytes_min = 0;
      l.ike_lifetime_max = l.ipsec_seconds_max = l.ipsec_kilobytes_max = UINT64_MAX;
      break;
  }
  return l;
}

const char* dialect_label(Dialect d) {
  switch (d) {
    case Dialect::Asa: return "ASA";
    case Dialect::Ios: return "IOS";
    case Dialect::Rtx: return "RTX";
    case Dialect::Swanctl: return "swanctl";
  }
  return "?";
}

}  // namespace ikeshift::validator
