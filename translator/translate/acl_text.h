// Traffic selectors as crypto-ACL lines, for the ASA (masks) and IOS
// (wildcards) writers. A selector that is not one CIDR block per side or
// whose ports are not one range cannot be one ACL line: nullopt.
#pragma once

#include <optional>
#include <string>

#include "model/intent.h"

namespace ikeshift::translate {

enum class AclStyle { AsaMask, IosWildcard };

// "ip 10.1.0.0 255.255.0.0 10.2.0.0 255.255.255.0" (ASA) or
// "ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.0.255" (IOS), without the leading permit.
std::optional<std::string> acl_rule_text(const model::SelectorPair& s, AclStyle style);

}  // namespace ikeshift::translate
