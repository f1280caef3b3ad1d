#include "control/stack_target.h"

#include "control/ikev1_show_data.h"
#include "control/status_json.h"

namespace ikeshift::engine::control {

std::vector<ShowIkev1Sa> StackTarget::ikev1_snapshot() const {
  return control::ikev1_snapshot(stack_.ikev1(), clock_.now());
}

std::vector<ShowIkeSa> StackTarget::ikev1_ipsec_snapshot() const {
  std::vector<ShowIkeSa> out = control::ikev1_ipsec_snapshot(stack_.ikev1(), clock_.now());
  if (data_plane_ != nullptr) {
    for (ShowIkeSa& s : out)
      for (ShowChildSa& c : s.children)
        if (auto v = data_plane_->sa(c.spi_in)) {
          c.traffic = show_traffic(*v);
          c.active_seconds = v->active_seconds;
        }
  }
  return out;
}

std::string StackTarget::initiate(const std::string& map, uint32_t sequence, size_t selector) {
  using A = manager::TunnelManager::Acquire;
  manager::TunnelManager::Result r = stack_.manager().acquire(map, sequence, selector);
  switch (r.status) {
    case A::Dispatched:
    case A::InProgress:
    case A::AlreadyUp: return r.detail + "\n";
    default: return "ERROR: " + r.detail + "\n";
  }
}

std::string StackTarget::tunnel_manager() const {
  std::string out;
  for (const auto& s : stack_.manager().status()) {
    const auto& e = s.entry;
    out += "Crypto map " + e.map + " seq " + std::to_string(e.sequence) + ": IKEv2 " +
           (e.ikev2 ? "yes" : "no (" + e.why_not_ikev2 + ")") + ", IKEv1 " +
           (e.ikev1 ? "yes" : "no (" + e.why_not_ikev1 + ")") + "\n";
    if (s.in_progress) {
      out += "  negotiating with IKEv" + std::to_string(s.trying_version) + "\n";
    } else {
      out += "  last KEY_ACQUIRE: " + (s.last_result.empty() ? std::string("none yet") : s.last_result) + "\n";
    }
  }
  return out.empty() ? "No crypto map entries\n" : out;
}

std::string StackTarget::status() const {
  return format_status_json(stack_.manager().status(), snapshot(), ikev1_ipsec_snapshot());
}

}  // namespace ikeshift::engine::control
