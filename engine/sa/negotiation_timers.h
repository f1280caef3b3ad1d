// The timers both IKE engines apply to a negotiation the same way, so that
// an IKEv1 and an IKEv2 attempt behave alike for the tunnel manager and in
// `show`.
#pragma once

#include <chrono>

#include "io/clock.h"

namespace ikeshift::engine::sa {

// An IKEv1 phase 1 (either role) or the IKEv2 initiator's IKE_SA_INIT +
// IKE_AUTH for the tunnel manager that is not done by then fails as a
// timeout, whatever retransmissions remain: with the first retransmission
// after 2 s and doubling, a silent peer sees datagrams at 0, 2, 6 and 14 s.
inline constexpr io::Duration kNegotiationDeadline = std::chrono::seconds(30);

// A failed negotiation stays in `show crypto ikev1|ikev2 sa` this long (the
// operator sees why it failed, its SPIs/cookies absorb the peer's
// retransmissions), then goes, so failed attempts cannot pile up.
inline constexpr io::Duration kFailedSaLinger = std::chrono::seconds(10);

}  // namespace ikeshift::engine::sa
