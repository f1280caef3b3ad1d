// From the engine to the plain data of show_format.h, and what the daemon
// tracks beside the engine for `show`: when each IKE SA came up (for
// "Life/Active Time").
//
// Kept outside engine/ikev2 on purpose: the engine reports state through
// ike_sas() and events; everything presentational lives here.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "control/show_format.h"
#include "esp/data_plane.h"
#include "events/event_bus.h"
#include "ikev2/ikev2_engine.h"
#include "io/clock.h"

namespace ikeshift::engine::control {

// The registry entries of a negotiated Selection (nullptr for absent kinds).
ShowAlgorithms show_algorithms(const ikev2::Selection& s);

// One IKE SA as `show` presents it. `active_seconds` is how long it has been
// up (0 while negotiating).
ShowIkeSa show_ike_sa(const ikev2::Ikev2Engine::IkeSaInfo& info, const ikev2::PeerConfig& peer,
                      uint64_t active_seconds);
// The data plane's view of one SA as `show` prints it.
ShowEspTraffic show_traffic(const esp::DataPlane::SaView& v);

// Watches the event bus for SAs coming up. On each 750006 (SaUp) it looks
// for established SAs it has not seen and stamps them with the monotonic
// clock, for the "Active Time" of `show` (IkeSaInfo has no such field).
//
// The engine is set after construction (the engine needs the bus first, the
// bus gets this sink first so no SaUp is missed).
// What `show` reads: the engine's SAs as of `clock.now()`.
class SaTracker {
 public:
  explicit SaTracker(const io::Clock& clock) : clock_(clock) {}
  void attach(const ikev2::Ikev2Engine& engine) { engine_ = &engine; }
  // With --data-plane: the CHILD SAs' counters come from here.
  void attach(const esp::DataPlane& data_plane) { data_plane_ = &data_plane; }

  // Every IKE SA as `show` presents it, in SA id order.
  std::vector<ShowIkeSa> snapshot() const;

 private:
  const io::Clock& clock_;
  const ikev2::Ikev2Engine* engine_ = nullptr;
  const esp::DataPlane* data_plane_ = nullptr;
};

}  // namespace ikeshift::engine::control
