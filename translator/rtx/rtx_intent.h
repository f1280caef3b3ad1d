// RTX dialect model -> the vendor-neutral intent (model/intent.h), with the
// RTX defaults the configuration leaves implicit: IKE version 1, IKE SA and
// CHILD SA lifetime 28800 s with no kilobyte limit, PFS off, NAT traversal
// off, keepalive off. The algorithm defaults of `ipsec ike encryption/hash/
// group` are assumed (3des-cbc, md5, modp768) and every assumption is a
// finding, since they differ between RTX models and firmware.
#pragma once

#include <cstdint>
#include <string>

#include "model/intent.h"
#include "rtx/rtx_model.h"

namespace ikeshift::model {

inline constexpr uint32_t kRtxDefaultIkeLifetimeSeconds = 28800;
inline constexpr uint64_t kRtxDefaultChildLifetimeSeconds = 28800;

// One Tunnel per `tunnel select N` whose `ipsec tunnel P` names an SA policy
// of a gateway with a remote address.
Intent derive_intent(const rtx::RtxConfig& cfg, const std::string& file);

}  // namespace ikeshift::model
