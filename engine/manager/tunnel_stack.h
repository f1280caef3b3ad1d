// Everything one device runs, wired together: the IKEv2 and the IKEv1 engine
// on one shared transport (split by IkeDemux), and the tunnel manager in
// front of them, configured for every crypto map entry of an intent. The
// daemon (`ikeshift engine`) and the engine-against-engine tests build the
// same stack, so what the tests prove is what the daemon runs.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ikev1/ikev1_engine.h"
#include "ikev2/ikev2_engine.h"
#include "manager/ike_demux.h"
#include "manager/tunnel_manager.h"
#include "model/intent.h"

namespace ikeshift::engine::manager {

// Which tunnels each engine runs and what the manager knows of them, before
// any engine exists (the daemon prints it at start).
struct StackPlan {
  std::vector<ikev2::PeerConfig> ikev2;
  std::vector<ikev1::PeerConfig> ikev1;
  std::vector<ManagedEntry> entries;
  // One line per tunnel and version that cannot run, with the reason.
  std::vector<std::string> notes;

  bool uses_des() const;  // some IKEv1 suite needs single DES (the legacy provider)
  // The intent tunnel of each entry, in entry order (the ESP data plane's
  // tunnel list: its KEY_ACQUIRE names a tunnel by this index).
  std::vector<model::Tunnel> tunnels() const;
};

StackPlan plan_stack(const std::vector<model::Tunnel>& tunnels);

struct StackDeps {
  const io::Clock& clock;
  io::TimerQueue& timers;
  crypto::Rng& rng;
  crypto::DhFactory& dh;
  const crypto::CryptoContext& crypto;
  io::Transport& transport;  // the device's sockets, both IKE versions and ESP-in-UDP
  events::EventBus& events;
  dataplane::ChildSaSink* child_sink = nullptr;
  ikev2::IkeKeySink* ikev2_keys = nullptr;
  ikev1::IsakmpKeySink* ikev1_keys = nullptr;
  // The device's inbound SPIs for both engines (the data plane's SAD trusts
  // them to be unique); nullptr: the stack keeps one over `rng`.
  sa::InboundSpiAllocator* spis = nullptr;
};

// The IKEv2 engine as the tunnel manager drives it: its attempt is bounded
// like IKEv1's phase 1 (sa::kNegotiationDeadline), so a silent peer falls
// back to IKEv1 after 30 s rather than after the RFC-style retransmissions.
ikev2::EngineOptions ikev2_options_for_manager();

struct StackOptions {
  ikev2::EngineOptions ikev2 = ikev2_options_for_manager();
  ikev1::EngineOptions ikev1;
};

class TunnelStack {
 public:
  TunnelStack(StackDeps deps, StackPlan plan, StackOptions options = {});
  ~TunnelStack();
  TunnelStack(const TunnelStack&) = delete;
  TunnelStack& operator=(const TunnelStack&) = delete;

  ikev2::Ikev2Engine& ikev2() { return *ikev2_; }
  ikev1::Ikev1Engine& ikev1() { return *ikev1_; }
  const ikev2::Ikev2Engine& ikev2() const { return *ikev2_; }
  const ikev1::Ikev1Engine& ikev1() const { return *ikev1_; }
  TunnelManager& manager() { return *manager_; }
  IkeDemux& demux() { return demux_; }
  // The allocator both engines draw their inbound SPIs from.
  const sa::InboundSpiAllocator& spis() const { return *spis_; }

 private:
  std::optional<sa::InboundSpiAllocator> own_spis_;
  sa::InboundSpiAllocator* spis_ = nullptr;
  IkeDemux demux_;
  std::unique_ptr<ikev2::Ikev2Engine> ikev2_;
  std::unique_ptr<ikev1::Ikev1Engine> ikev1_;
  std::unique_ptr<TunnelManager> manager_;
};

}  // namespace ikeshift::engine::manager
