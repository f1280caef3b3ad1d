#include "manager/tunnel_stack.h"

namespace ikeshift::engine::manager {

namespace {

// Either engine as the manager drives it: both have initiate(peer, observer)
// and terminate(sa, reason); whether a tunnel is up is version-specific.
template <typename Engine>
EngineHandle handle_of(Engine& engine, std::function<bool(size_t)> has_tunnel) {
  EngineHandle h;
  h.initiate = [&engine](size_t i, OutcomeCallback cb) { return engine.initiate(i, std::move(cb)); };
  h.terminate = [&engine](uint32_t sa, const std::string& reason) { return engine.terminate(sa, reason); };
  h.has_tunnel = std::move(has_tunnel);
  return h;
}

}  // namespace

bool StackPlan::uses_des() const {
  for (const auto& p : ikev1)
    if (p.uses_des()) return true;
  return false;
}

std::vector<model::Tunnel> StackPlan::tunnels() const {
  std::vector<model::Tunnel> out;
  for (const ManagedEntry& e : entries) out.push_back(e.ikev2 ? ikev2.at(*e.ikev2).tunnel : ikev1.at(*e.ikev1).tunnel);
  return out;
}

StackPlan plan_stack(const std::vector<model::Tunnel>& tunnels) {
  StackPlan plan;
  for (const model::Tunnel& t : tunnels) {
    ManagedEntry e;
    e.map = t.map;
    e.sequence = t.sequence;
    e.selectors = t.selectors.size();
    e.ikev2_enabled_on_interface = t.ikev2_enabled_on_interface;
    e.ikev2_has_proposal = !t.esp_v2.empty();
    e.connection_type = t.connection_type;
    std::string why;
    if (auto p = ikev2::peer_config_from(t, why)) {
      e.ikev2 = plan.ikev2.size();
      plan.ikev2.push_back(std::move(*p));
    } else {
      e.why_not_ikev2 = why;
      // Only worth saying when the entry looks like it wanted IKEv2.
      if (t.ikev2 || !t.esp_v2.empty()) plan.notes.push_back("IKEv2 skipped for " + why);
    }
    why.clear();
    if (auto p = ikev1::peer_config_from(t, why)) {
      e.ikev1 = plan.ikev1.size();
      plan.ikev1.push_back(std::move(*p));
    } else {
      e.why_not_ikev1 = why;
      if (t.ikev1 || !t.esp_v1.empty()) plan.notes.push_back("IKEv1 skipped for " + why);
    }
    if (e.ikev1 || e.ikev2) plan.entries.push_back(std::move(e));
  }
  return plan;
}

ikev2::EngineOptions ikev2_options_for_manager() {
  ikev2::EngineOptions o;
  o.setup_deadline = sa::kNegotiationDeadline;
  return o;
}

TunnelStack::TunnelStack(StackDeps d, StackPlan plan, StackOptions options) : demux_(d.transport) {
  if (d.spis == nullptr) own_spis_.emplace(d.rng);
  spis_ = d.spis != nullptr ? d.spis : &*own_spis_;
  ikev2::EngineDeps v2{d.clock,  d.timers, d.rng,          d.dh,          d.crypto,
                       demux_.ikev2(), d.events, d.child_sink, d.ikev2_keys, spis_};
  ikev1::EngineDeps v1{d.clock,  d.timers, d.rng,          d.dh,          d.crypto,
                       demux_.ikev1(), d.events, d.child_sink, d.ikev1_keys, spis_};
  ikev2_ = std::make_unique<ikev2::Ikev2Engine>(v2, std::move(plan.ikev2), options.ikev2);
  ikev1_ = std::make_unique<ikev1::Ikev1Engine>(v1, std::move(plan.ikev1), options.ikev1);
  ikev2::Ikev2Engine* e2 = ikev2_.get();
  ikev1::Ikev1Engine* e1 = ikev1_.get();
  EngineHandle h2 = handle_of(*e2, [e2](size_t i) {
    for (const auto& sa : e2->ike_sas())
      if (sa.peer == i && sa.state == ikev2::Ikev2Engine::State::Established && !sa.children.empty()) return true;
    return false;
  });
  EngineHandle h1 = handle_of(*e1, [e1](size_t i) {
    for (const auto& sa : e1->isakmp_sas())
      if (sa.peer == i && sa.state == ikev1::Phase1State::Active && !sa.children.empty()) return true;
    return false;
  });
  manager_ = std::make_unique<TunnelManager>(d.events, std::move(plan.entries), std::move(h2), std::move(h1));
}

// The manager goes first (it holds observers into the engines), the engines
// before the demux whose transports they use.
TunnelStack::~TunnelStack() {
  manager_.reset();
  ikev1_.reset();
  ikev2_.reset();
}

}  // namespace ikeshift::engine::manager
