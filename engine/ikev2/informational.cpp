// INFORMATIONAL in both roles (RFC 7296 1.4, 1.5): Delete of the IKE SA
// (`clear crypto ikev2 sa`, after an IKE rekey) and of CHILD SAs (after a
// CHILD rekey), the peer's Deletes answered with our SPIs of the same CHILD
// SAs, and the empty liveness check's answer (dpd.cpp sends the check).
#include <algorithm>

#include "ikev2/tasks.h"
#include "ikev2/wire_convert.h"

namespace ikeshift::engine::ikev2::informational {

void send(Core& core, IkeSa& sa, std::vector<wire::Payload> inner) {
  core.send_protected_request(sa, wire::ExchangeType::Informational, inner);
}

bool delete_ike(Core& core, uint32_t id, const std::string& reason) {
  IkeSa* found = core.find(id);
  if (found == nullptr) return false;
  IkeSa& sa = *found;
  if (sa.state != State::Established) {
    core.remove_sa(sa, reason);
    return true;
  }
  if (!sa.pending_request.empty()) {
    sa.queue.push_back([&core, reason](IkeSa& s) { delete_ike(core, s.id, reason); });
    return true;
  }
  wire::DeletePayload del;
  del.protocol = wire::ProtocolId::Ike;
  del.spi_size = 0;
  sa.state = State::Deleting;
  sa.delete_reason = reason;
  core.deps.timers.cancel(sa.dpd_timer);
  core.emit(events::DeleteSent{core.ref(sa), events::SaKind::Ike, {}});
  send(core, sa, {del});
  return true;
}

void delete_child(Core& core, IkeSa& sa, uint32_t spi_in) {
  wire::DeletePayload del;
  del.protocol = wire::ProtocolId::Esp;
  del.spi_size = 4;
  del.spis.push_back(spi_bytes(spi_in));
  sa.pending_child_delete = spi_in;
  core.emit(events::DeleteSent{core.ref(sa), events::SaKind::Child, {spi_in}});
  send(core, sa, {del});
}

void receive_request(Core& core, IkeSa& sa, const Inbound& in) {
  const wire::Message& m = in.message;
  auto opened = core.open(sa, in.datagram, m, "INFORMATIONAL");
  if (!opened) return;
  sa.last_heard = core.deps.clock.now();
  std::vector<wire::Payload> reply;
  bool delete_ike_sa = false;
  for (const auto& p : *opened) {
    const auto* del = std::get_if<wire::DeletePayload>(&p);
    if (del == nullptr) continue;
    if (del->protocol == wire::ProtocolId::Ike) {
      delete_ike_sa = true;
      continue;
    }
    // CHILD SAs: the peer names its inbound SPIs (our outbound); we answer
    // with our inbound SPIs of the same SAs (RFC 7296 1.4.1).
    wire::DeletePayload answer;
    answer.protocol = del->protocol;
    answer.spi_size = 4;
    std::vector<uint64_t> removed;
    for (const auto& spi : del->spis) {
      auto v = spi_value(spi);
      if (!v) continue;
      auto it = std::find_if(sa.children.begin(), sa.children.end(), [&](const ChildSaInfo& c) { return c.spi_out == *v; });
      if (it == sa.children.end()) continue;
      answer.spis.push_back(spi_bytes(it->spi_in));
      removed.push_back(*v);
      core.remove_child(sa, it->spi_in);
    }
    core.emit(events::DeleteReceived{core.ref(sa), events::SaKind::Child, removed});
    if (!answer.spis.empty()) reply.push_back(std::move(answer));
  }
  core.answer(sa, m, reply);
  if (delete_ike_sa) {
    core.emit(events::DeleteReceived{core.ref(sa), events::SaKind::Ike, {}});
    core.remove_sa(sa, "Peer Deleted");  // `sa` is gone
    return;
  }
  dpd::arm(core, sa);
}

void receive_response(Core& core, IkeSa& sa, const Inbound& in) {
  auto opened = core.open(sa, in.datagram, in.message, "INFORMATIONAL");
  if (!opened) return;
  core.settle(sa);
  ++sa.next_message_id;
  sa.last_heard = core.deps.clock.now();
  sa.dpd_outstanding = false;
  if (sa.state == State::Deleting) {
    core.remove_sa(sa, sa.delete_reason);  // `sa` is gone
    return;
  }
  if (sa.pending_child_delete) {
    // The peer confirmed the Delete of a CHILD SA (after a rekey).
    const uint32_t gone = *sa.pending_child_delete;
    sa.pending_child_delete.reset();
    core.remove_child(sa, gone);
  }
  dpd::arm(core, sa);
  core.pump(sa);
}

}  // namespace ikeshift::engine::ikev2::informational
