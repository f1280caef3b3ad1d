#include "manager/tunnel_manager.h"

namespace ikeshift::engine::manager {

const char* to_string(TunnelManager::Acquire a) {
  switch (a) {
    case TunnelManager::Acquire::Dispatched: return "dispatched";
    case TunnelManager::Acquire::InProgress: return "in progress";
    case TunnelManager::Acquire::AlreadyUp: return "already up";
    case TunnelManager::Acquire::UnknownEntry: return "unknown crypto map entry";
    case TunnelManager::Acquire::BadSelector: return "no such crypto-ACL entry";
    case TunnelManager::Acquire::AnswerOnly: return "answer-only";
    case TunnelManager::Acquire::NoIkeVersion: return "no usable IKE version";
  }
  return "?";
}

TunnelManager::TunnelManager(events::EventBus& events, std::vector<ManagedEntry> entries, EngineHandle ikev2,
                             EngineHandle ikev1)
    : events_(events),
      entries_(std::move(entries)),
      state_(entries_.size()),
      ikev2_(std::move(ikev2)),
      ikev1_(std::move(ikev1)) {}

events::CryptoMapEntry TunnelManager::map_of(size_t i) const {
  return events::CryptoMapEntry{entries_[i].map, entries_[i].sequence};
}

TunnelManager::Result TunnelManager::acquire(const std::string& map, uint32_t sequence, size_t selector) {
  size_t i = 0;
  while (i < entries_.size() && !(entries_[i].map == map && entries_[i].sequence == sequence)) ++i;
  const std::string name = "crypto map " + map + " " + std::to_string(sequence);
  if (i == entries_.size()) return {Acquire::UnknownEntry, name + " is not a static crypto map entry with a peer"};
  const ManagedEntry& e = entries_[i];
  if (selector >= e.selectors)
    return {Acquire::BadSelector, name + " has " + std::to_string(e.selectors) + " crypto-ACL entries (selector " +
                                      std::to_string(selector) + " asked for)"};
  if (e.connection_type == "answer-only")
    return {Acquire::AnswerOnly, name + " is set connection-type answer-only: this end only responds"};
  State& s = state_[i];
  if (s.in_progress) return {Acquire::InProgress, name + ": IKEv" + std::to_string(s.trying) + " is already negotiating"};
  if ((e.ikev2 && ikev2_.has_tunnel && ikev2_.has_tunnel(*e.ikev2)) ||
      (e.ikev1 && ikev1_.has_tunnel && ikev1_.has_tunnel(*e.ikev1)))
    return {Acquire::AlreadyUp, name + " already has a tunnel"};
  if (!e.ikev2 && !e.ikev1)
    return {Acquire::NoIkeVersion, name + ": " + e.why_not_ikev2 + "; " + e.why_not_ikev1};
  s.in_progress = true;
  s.attempts.clear();
  if (e.ikev2) {
    s.trying = 2;
    events_.emit(events::KeyAcquireDispatched{map_of(i), 2, false});
    ikev2_.initiate(*e.ikev2, [this, i](const InitiateOutcome& o) { on_ikev2(i, o); });
    return {Acquire::Dispatched, name + ": KEY_ACQUIRE dispatched to IKEv2"};
  }
  dispatch_ikev1(i, false);
  return {Acquire::Dispatched, name + ": KEY_ACQUIRE dispatched to IKEv1"};
}

void TunnelManager::dispatch_ikev1(size_t i, bool after_failure) {
  const ManagedEntry& e = entries_[i];
  state_[i].trying = 1;
  events_.emit(events::KeyAcquireDispatched{map_of(i), 1, after_failure});
  // Seed 004: with IKEv2 enabled but no ipsec-proposal on the entry the ASA
  // logs 752004 and then 752010.
  if (!after_failure && e.ikev2_enabled_on_interface && !e.ikev2_has_proposal)
    events_.emit(events::NoIkev2Proposal{map_of(i)});
  ikev1_.initiate(*e.ikev1, [this, i](const InitiateOutcome& o) { on_ikev1(i, o); });
}

void TunnelManager::on_ikev2(size_t i, const InitiateOutcome& o) {
  state_[i].attempts.push_back(o);
  if (o.established) {
    events_.emit(events::TunnelSetupSucceeded{map_of(i), 2});
    finish(i, 2, "IKEv2 up");
    return;
  }
  events_.emit(events::TunnelSetupFailed{map_of(i), 2});
  // TS_UNACCEPTABLE (and a refused first CHILD SA) leave an IKE SA without
  // a CHILD SA behind: no use to anyone once IKEv1 takes over.
  if ((o.failure == FailureKind::TsUnacceptable || o.failure == FailureKind::NoProposalChosen) && ikev2_.terminate)
    ikev2_.terminate(o.sa_id, "no CHILD SA: falling back to IKEv1");
  const std::string why = std::string("IKEv2 failed: ") + to_string(o.failure) + (o.detail.empty() ? "" : " (" + o.detail + ")");
  if (entries_[i].ikev1) {
    state_[i].last = why;
    dispatch_ikev1(i, true);
    return;
  }
  events_.emit(events::AllIkeVersionsFailed{map_of(i)});
  finish(i, 0, why);
}

void TunnelManager::on_ikev1(size_t i, const InitiateOutcome& o) {
  state_[i].attempts.push_back(o);
  if (o.established) {
    events_.emit(events::TunnelSetupSucceeded{map_of(i), 1});
    finish(i, 1, "IKEv1 up");
    return;
  }
  events_.emit(events::TunnelSetupFailed{map_of(i), 1});
  events_.emit(events::AllIkeVersionsFailed{map_of(i)});
  std::string why = std::string("IKEv1 failed: ") + to_string(o.failure) + (o.detail.empty() ? "" : " (" + o.detail + ")");
  if (!state_[i].last.empty()) why = state_[i].last + "; " + why;
  finish(i, 0, why);
}

void TunnelManager::finish(size_t i, int up_version, const std::string& last) {
  State& s = state_[i];
  s.in_progress = false;
  s.trying = 0;
  s.up = up_version;
  s.last = last;
  events_.emit(events::TunnelManagerEntryRemoved{map_of(i)});
}

std::vector<TunnelManager::EntryStatus> TunnelManager::status() const {
  std::vector<EntryStatus> out;
  for (size_t i = 0; i < entries_.size(); ++i) {
    EntryStatus st;
    st.entry = entries_[i];
    st.in_progress = state_[i].in_progress;
    st.trying_version = state_[i].trying;
    st.up_version = state_[i].up;
    st.last_result = state_[i].last;
    st.attempts = state_[i].attempts;
    out.push_back(std::move(st));
  }
  return out;
}

}  // namespace ikeshift::engine::manager
