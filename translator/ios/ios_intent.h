// IOS dialect model -> the vendor-neutral intent (model/intent.h), with IOS
// defaults: IPsec SA lifetime 3600 s / 4,608,000 KB, `set pfs` = group1, DPD
// off unless `crypto isakmp keepalive` / IKEv2 `dpd` says otherwise, the
// default IKEv1 policy (des, sha, rsa-sig, group 1, 86400 s) for fields a
// policy leaves out, and the IKEv2 default proposal when no IKEv2 policy exists.
#pragma once

#include <cstdint>
#include <string>

#include "ios/ios_model.h"
#include "model/intent.h"

namespace ikeshift::model {

inline constexpr uint64_t kIosDefaultIpsecLifetimeSeconds = 3600;
inline constexpr uint64_t kIosDefaultIpsecLifetimeKilobytes = 4608000;

// One Tunnel per static crypto map entry with a peer on an interface, and per
// tunnel interface with `tunnel protection ipsec profile` and a destination.
Intent derive_intent(const ios::IosConfig& cfg, const std::string& file);

}  // namespace ikeshift::model
