// Dead Peer Detection (RFC 3706), from `isakmp keepalive threshold N retry
// M`: after N seconds without hearing from the peer, an R-U-THERE (protected
// Informational, ISAKMP notify with both cookies as SPI and a sequence
// number as data); unanswered, again every M seconds with the next sequence
// number; after the engine's retransmission limit the peer is dead and the
// SAs go. R-U-THERE-ACK answers in a new Informational with the request's
// sequence number. Only when the peer announced DPD with its vendor ID.
#include "ikev1/messages.h"
#include "ikev1/tasks.h"

namespace ikeshift::engine::ikev1::dpd {

namespace w1 = wire::ikev1;

namespace {

wire::Bytes sequence_bytes(uint32_t s) { return spi_bytes(s); }

wire::Bytes cookies(const IsakmpSa& sa) { return crypto::concat({cookie_bytes(sa.cky_i), cookie_bytes(sa.cky_r)}); }

}  // namespace

void check(Core& core, uint32_t sa_id) {
  IsakmpSa* sa = core.find(sa_id);
  if (sa == nullptr || !sa->established()) return;
  const model::Dpd& dpd = core.peer(*sa).tunnel.dpd;
  if (!sa->dpd_outstanding && core.deps.clock.now() - sa->last_heard < std::chrono::seconds(dpd.threshold_seconds)) {
    core.arm_dpd(*sa);  // heard from the peer meanwhile
    return;
  }
  if (sa->dpd_outstanding && sa->dpd_attempts > core.options.retransmit.max_attempts) {
    core.emit(events::DpdNoReply{core.ref(*sa), sa->dpd_attempts});
    core.remove_isakmp(*sa, "Peer not responding (DPD)");  // `sa` is gone
    return;
  }
  if (sa->dpd_sequence == 0) {
    // RFC 3706 5.1: the first number is random (a 31-bit start leaves room).
    crypto::Bytes b = core.deps.rng.bytes(4);
    sa->dpd_sequence = ((uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3]) & 0x7fffffff;
  }
  ++sa->dpd_sequence;
  sa->dpd_outstanding = true;
  ++sa->dpd_attempts;
  core.emit(events::DpdSent{core.ref(*sa), sa->dpd_sequence});
  informational::send_notify(core, *sa, w1::NotifyType::RUThere, w1::ProtocolId::Isakmp, cookies(*sa),
                             sequence_bytes(sa->dpd_sequence));
  core.arm_dpd(*sa);
}

void r_u_there(Core& core, IsakmpSa& sa, const w1::NotificationPayload& n) {
  // Answered whatever our own keepalive setting: `threshold infinite` and
  // `disable` only stop us from asking.
  informational::send_notify(core, sa, w1::NotifyType::RUThereAck, w1::ProtocolId::Isakmp, cookies(sa), n.data);
}

}  // namespace ikeshift::engine::ikev1::dpd
