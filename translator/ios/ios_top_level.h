// First-word classification of top-level IOS lines: IPsec commands go to the
// grammar, certificate chains and key strings are free text, the named IOS
// commands outside the IPsec model are ignored on purpose (with everything
// indented under them), and a line in no list is unknown.
#pragma once

#include <string_view>

namespace ikeshift::ios {

enum class TopKind { Comment, Ipsec, Ignored, CertificateData, Banner, Unknown };

TopKind classify_ios_top_line(std::string_view line);

}  // namespace ikeshift::ios
