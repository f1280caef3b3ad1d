// From the IKEv1 engine to the plain data of show_format.h: `show ikev1-sa`
// and the IKEv1 part of `show ipsec-sa`.
#pragma once

#include <vector>

#include "control/show_format.h"
#include "ikev1/ikev1_engine.h"
#include "io/clock.h"

namespace ikeshift::engine::control {

ShowIkev1Sa show_ikev1_sa(const ikev1::Ikev1Engine::IsakmpSaInfo& info, io::TimePoint now);

// The ISAKMP SA with its IPsec SAs in the shape `show ipsec-sa` lists
// (ike_version 1; tunnel_id = the ISAKMP SA's number).
ShowIkeSa ikev1_ipsec_view(const ikev1::Ikev1Engine::IsakmpSaInfo& info, const ikev1::PeerConfig& peer,
                           io::TimePoint now);

// Every ISAKMP SA of the engine, in SA order.
std::vector<ShowIkev1Sa> ikev1_snapshot(const ikev1::Ikev1Engine& engine, io::TimePoint now);
std::vector<ShowIkeSa> ikev1_ipsec_snapshot(const ikev1::Ikev1Engine& engine, io::TimePoint now);

}  // namespace ikeshift::engine::control
