// What an IKE engine of either version is given instead of globals (the
// project's rule: clock, timers, RNG, DH, crypto, transport, events, data
// plane and key log are injected), so two engines run whole exchanges in one
// process in a unit test. Only the key log differs by version (Wireshark's
// ikev2_decryption_table vs ikev1_decryption_table).
#pragma once

#include "crypto/crypto_context.h"
#include "crypto/dh.h"
#include "crypto/rng.h"
#include "dataplane/child_sa.h"
#include "events/event_bus.h"
#include "io/clock.h"
#include "io/timer_queue.h"
#include "io/transport.h"
#include "sa/inbound_spi_allocator.h"

namespace ikeshift::engine::sa {

template <typename KeySink>
struct EngineDepsOf {
  const io::Clock& clock;
  io::TimerQueue& timers;
  crypto::Rng& rng;
  crypto::DhFactory& dh;
  const crypto::CryptoContext& crypto;
  io::Transport& transport;  // in the daemon: this version's half of the demultiplexed sockets
  events::EventBus& events;
  dataplane::ChildSaSink* child_sink = nullptr;
  KeySink* key_sink = nullptr;  // --keylog / --keylog-ikev1: nullptr unless the operator asked
  // The device's inbound SPIs, shared by both engines so the data plane's
  // SAD never sees one twice; nullptr: the engine keeps its own.
  InboundSpiAllocator* spis = nullptr;
};

}  // namespace ikeshift::engine::sa
