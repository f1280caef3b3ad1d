// The liveness check (RFC 7296 2.4) from the ASA's `isakmp keepalive
// threshold N retry M`: after N seconds without hearing from the peer, an
// empty INFORMATIONAL; unanswered, retried every M seconds (core's
// retransmission); after the retransmissions are exhausted the peer is dead.
#include "ikev2/tasks.h"

namespace ikeshift::engine::ikev2::dpd {

void arm(Core& core, IkeSa& sa) {
  const model::Dpd& dpd = core.peer(sa).tunnel.dpd;
  if (!dpd.enabled || dpd.reply_only || dpd.threshold_seconds == 0) return;
  core.deps.timers.cancel(sa.dpd_timer);
  io::TimePoint due = sa.last_heard + std::chrono::seconds(dpd.threshold_seconds);
  // Never "now": a check that finds the SA busy must not fire again at once.
  io::TimePoint earliest = core.deps.clock.now() + std::chrono::seconds(std::max(1u, dpd.retry_seconds));
  if (due < earliest) due = earliest;
  const uint32_t id = sa.id;
  sa.dpd_timer = core.deps.timers.schedule(due, [&core, id] {
    IkeSa* found = core.find(id);
    if (found == nullptr || found->state != State::Established) return;
    IkeSa& s = *found;
    const model::Dpd& d = core.peer(s).tunnel.dpd;
    if (core.deps.clock.now() - s.last_heard < std::chrono::seconds(d.threshold_seconds) || !s.pending_request.empty()) {
      arm(core, s);  // heard from the peer meanwhile, or busy: check again later
      return;
    }
    s.dpd_outstanding = true;
    core.emit(events::DpdSent{core.ref(s), s.next_message_id});
    informational::send(core, s, {});
  });
}

}  // namespace ikeshift::engine::ikev2::dpd
