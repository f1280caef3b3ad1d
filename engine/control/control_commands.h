// The command lines the daemon's control socket answers (control_socket.h
// carries them): the `show` texts and the two operator actions of the ASA,
//   show ikev2-sa [detail]        show crypto ikev2 sa [detail]
//   show ipsec-sa                 show crypto ipsec sa
//   clear ikev2-sa [ID|PEER-IP]   clear crypto ikev2 sa: delete one IKE SA
//                                 (by Tunnel-id or peer address) or all of them
//   rekey child SPI               rekey the CHILD SA (IKEv1: IPsec SA) with this
//                                 inbound SPI (hex, with or without 0x, as `show` prints it)
//   show ikev1-sa [detail]        show crypto ikev1 sa [detail]
//   clear ikev1-sa [ID|PEER-IP]   clear crypto ikev1 sa
//   initiate MAP SEQ [ACL-ENTRY]  a KEY_ACQUIRE for crypto map MAP SEQ to the
//                                 tunnel manager (IKEv2 first, IKEv1 fallback)
//   show tunnel-manager           what the tunnel manager did last per map entry
//   show status                   all of it as one JSON document (control/status_json.h)
// An answer starting with "ERROR: " is a refusal (`ikeshift engine ctl`
// exits non-zero on it).
//
// The dispatcher works on a ControlTarget, not on the engine, so every
// command can be tested without sockets or an IKE exchange; EngineTarget is
// the daemon's implementation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "control/show_data.h"
#include "control/show_format.h"
#include "ikev2/ikev2_engine.h"

namespace ikeshift::engine::control {

class ControlTarget {
 public:
  virtual ~ControlTarget() = default;
  // Every IKE SA as `show` presents it (Tunnel-id, endpoints, status, CHILD SAs).
  virtual std::vector<ShowIkeSa> snapshot() const = 0;
  // Ikev2Engine::terminate / rekey_child with the SA's tunnel id.
  virtual bool terminate(uint32_t tunnel_id, const std::string& reason) = 0;
  virtual bool rekey_child(uint32_t tunnel_id, uint32_t spi_in) = 0;

  // IKEv1 and the tunnel manager. The defaults refuse: a target without them
  // (an IKEv2-only engine) says so instead of pretending.
  virtual std::vector<ShowIkev1Sa> ikev1_snapshot() const { return {}; }
  // Every IPsec SA of the IKEv1 engine, as `show ipsec-sa` lists them.
  virtual std::vector<ShowIkeSa> ikev1_ipsec_snapshot() const { return {}; }
  virtual bool terminate_ikev1(uint32_t id, const std::string& reason) {
    (void)id, (void)reason;
    return false;
  }
  virtual bool rekey_ikev1_child(uint32_t id, uint32_t spi_in) {
    (void)id, (void)spi_in;
    return false;
  }
  // The tunnel manager's answer to a KEY_ACQUIRE; "ERROR: ..." when refused.
  virtual std::string initiate(const std::string& map, uint32_t sequence, size_t selector) {
    (void)map, (void)sequence, (void)selector;
    return "ERROR: this engine has no tunnel manager\n";
  }
  virtual std::string tunnel_manager() const { return "ERROR: this engine has no tunnel manager\n"; }
  // `show status`: the machine-readable JSON of status_json.h.
  virtual std::string status() const { return "ERROR: this engine has no tunnel manager\n"; }
};

// The daemon's target: `show` through the SaTracker, actions on the engine.
class EngineTarget final : public ControlTarget {
 public:
  EngineTarget(const SaTracker& tracker, ikev2::Ikev2Engine& engine) : tracker_(tracker), engine_(engine) {}
  std::vector<ShowIkeSa> snapshot() const override { return tracker_.snapshot(); }
  bool terminate(uint32_t tunnel_id, const std::string& reason) override {
    return engine_.terminate(tunnel_id, reason);
  }
  bool rekey_child(uint32_t tunnel_id, uint32_t spi_in) override { return engine_.rekey_child(tunnel_id, spi_in); }

 private:
  const SaTracker& tracker_;
  ikev2::Ikev2Engine& engine_;
};

// The reason `clear ikev2-sa` gives the engine (it ends up in the 750007
// line, as on the ASA: "Reason: operator request").
inline constexpr const char* kClearReason = "operator request";

// One command line (without its newline) to its answer text.
std::string answer_command(const std::string& command, ControlTarget& target);

// "1a2b", "0x1A2B" -> 0x1a2b; nullopt for anything else (empty, > 32 bits, junk).
std::optional<uint32_t> parse_spi(const std::string& text);

}  // namespace ikeshift::engine::control
