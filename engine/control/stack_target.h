// The daemon's control target when it runs both engines and the tunnel
// manager (manager/tunnel_stack.h): IKEv2 `show`/`clear`/`rekey` as before,
// the IKEv1 counterparts, and `initiate` as a KEY_ACQUIRE to the manager.
#pragma once

#include "control/control_commands.h"
#include "control/show_data.h"
#include "manager/tunnel_stack.h"

namespace ikeshift::engine::control {

class StackTarget final : public ControlTarget {
 public:
  StackTarget(const io::Clock& clock, manager::TunnelStack& stack) : clock_(clock), stack_(stack), ikev2_(clock) {
    ikev2_.attach(stack.ikev2());
  }
  std::vector<ShowIkeSa> snapshot() const override { return ikev2_.snapshot(); }
  bool terminate(uint32_t tunnel_id, const std::string& reason) override {
    return stack_.ikev2().terminate(tunnel_id, reason);
  }
  bool rekey_child(uint32_t tunnel_id, uint32_t spi_in) override { return stack_.ikev2().rekey_child(tunnel_id, spi_in); }

  std::vector<ShowIkev1Sa> ikev1_snapshot() const override;
  std::vector<ShowIkeSa> ikev1_ipsec_snapshot() const override;
  bool terminate_ikev1(uint32_t id, const std::string& reason) override { return stack_.ikev1().terminate(id, reason); }
  bool rekey_ikev1_child(uint32_t id, uint32_t spi_in) override { return stack_.ikev1().rekey_ipsec(id, spi_in); }
  std::string initiate(const std::string& map, uint32_t sequence, size_t selector) override;
  std::string tunnel_manager() const override;
  std::string status() const override;

  // With --data-plane: the IPsec/CHILD SAs' counters come from here.
  void attach(const esp::DataPlane& data_plane) {
    data_plane_ = &data_plane;
    ikev2_.attach(data_plane);
  }

 private:
  const io::Clock& clock_;
  manager::TunnelStack& stack_;
  SaTracker ikev2_;
  const esp::DataPlane* data_plane_ = nullptr;
};

}  // namespace ikeshift::engine::control
