// Internal to the IKEv1 engine: the exchanges, one task per exchange and
// role, each in its own file. A task reads one message, checks it, updates
// its SA through the core and sends the next message; none keeps state of
// its own beyond the IsakmpSa / QuickMode it works on.
#pragma once

#include "ikev1/core.h"

namespace ikeshift::engine::ikev1 {

using Core = Ikev1Engine::Core;

namespace main_mode_initiator {  // main_mode_initiator.cpp
void start(Core& core, IsakmpSa& sa);
void receive(Core& core, IsakmpSa& sa, const Inbound& in);
}  // namespace main_mode_initiator

namespace main_mode_responder {  // main_mode_responder.cpp
// Main Mode 1 from a peer without an SA; creates one when a proposal fits.
void first_message(Core& core, const Inbound& in);
void receive(Core& core, IsakmpSa& sa, const Inbound& in);
}  // namespace main_mode_responder

namespace aggressive_mode_initiator {  // aggressive_mode_initiator.cpp
void start(Core& core, IsakmpSa& sa);
void receive(Core& core, IsakmpSa& sa, const Inbound& in);
}  // namespace aggressive_mode_initiator

namespace aggressive_mode_responder {  // aggressive_mode_responder.cpp
void first_message(Core& core, const Inbound& in);
void receive(Core& core, IsakmpSa& sa, const Inbound& in);
}  // namespace aggressive_mode_responder

namespace quick_mode_initiator {  // quick_mode_initiator.cpp
// One Quick Mode for crypto-ACL entry `selector` (replacing `rekey_of`).
void start(Core& core, IsakmpSa& sa, size_t selector, std::optional<uint32_t> rekey_of);
void receive(Core& core, IsakmpSa& sa, QuickMode& qm, const Inbound& in);
// An error notification about our Quick Mode arrived (NO_PROPOSAL_CHOSEN,
// INVALID_ID_INFORMATION, ...).
void refused(Core& core, IsakmpSa& sa, QuickMode& qm, wire::ikev1::NotifyType why);
}  // namespace quick_mode_initiator

namespace quick_mode_responder {  // quick_mode_responder.cpp
void first_message(Core& core, IsakmpSa& sa, const Inbound& in);
void receive(Core& core, IsakmpSa& sa, QuickMode& qm, const Inbound& in);
}  // namespace quick_mode_responder

namespace informational {  // informational.cpp
// Protected (HASH(1)) once phase 1 is up, else in the clear.
void send_notify(Core& core, IsakmpSa& sa, wire::ikev1::NotifyType type, wire::ikev1::ProtocolId protocol,
                 const wire::Bytes& spi, const wire::Bytes& data = {});
void send_delete(Core& core, IsakmpSa& sa, wire::ikev1::ProtocolId protocol, const std::vector<wire::Bytes>& spis);
// A clear notification without an SA (the first message could not be answered).
void send_clear_notify(Core& core, const io::Datagram& to_answer, const wire::ikev1::Header& h,
                       wire::ikev1::NotifyType type);
void receive(Core& core, IsakmpSa& sa, const Inbound& in);
void receive_clear(Core& core, IsakmpSa* sa, const Inbound& in);
}  // namespace informational

namespace dpd {  // dpd.cpp (RFC 3706)
void check(Core& core, uint32_t sa_id);  // the timer: probe, retry, or declare the peer dead
void r_u_there(Core& core, IsakmpSa& sa, const wire::ikev1::NotificationPayload& n);
}  // namespace dpd

}  // namespace ikeshift::engine::ikev1
