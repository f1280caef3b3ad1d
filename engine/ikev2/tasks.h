// Internal to the IKEv2 engine: the exchanges, one task per exchange and
// role, each in its own file (as engine/ikev1/ is organised). A task reads
// one message, checks it, updates its IKE SA through the core and sends the
// next message; none keeps state of its own beyond the IkeSa it works on.
#pragma once

#include <optional>

#include "ikev2/core.h"

namespace ikeshift::engine::ikev2 {

using Core = Ikev2Engine::Core;

namespace ike_sa_init_initiator {  // ike_sa_init_initiator.cpp
// IKE_SA_INIT request (again with `group` after INVALID_KE_PAYLOAD, or with
// the responder's COOKIE).
void send(Core& core, IkeSa& sa, std::optional<uint16_t> group);
void receive(Core& core, IkeSa& sa, const Inbound& in);
}  // namespace ike_sa_init_initiator

namespace ike_sa_init_responder {  // ike_sa_init_responder.cpp
// An IKE_SA_INIT request without an SA: the COOKIE challenge, proposal
// selection, INVALID_KE_PAYLOAD, or a new half-open SA and our answer.
void first_message(Core& core, const Inbound& in);
}  // namespace ike_sa_init_responder

namespace ike_auth_initiator {  // ike_auth_initiator.cpp
void send(Core& core, IkeSa& sa);
void receive(Core& core, IkeSa& sa, const Inbound& in);
}  // namespace ike_auth_initiator

namespace ike_auth_responder {  // ike_auth_responder.cpp
void receive(Core& core, IkeSa& sa, const Inbound& in);
}  // namespace ike_auth_responder

namespace create_child_initiator {  // create_child_initiator.cpp
// Queued behind an outstanding request; false if the SA or entry is unknown.
bool create(Core& core, uint32_t ike_sa, size_t selector);
bool rekey(Core& core, uint32_t ike_sa, uint32_t spi_in);
// A new CHILD SA for crypto-ACL entry `selector` (replacing `rekey_of`).
void start(Core& core, IkeSa& sa, size_t selector, std::optional<uint32_t> rekey_of);
void receive(Core& core, IkeSa& sa, const Inbound& in, const std::vector<wire::Payload>& payloads);
}  // namespace create_child_initiator

namespace create_child_responder {  // create_child_responder.cpp
// A CREATE_CHILD_SA request: a new or rekeyed CHILD SA here, an IKE SA
// rekey to ike_rekey_responder.
void receive(Core& core, IkeSa& sa, const Inbound& in);
}  // namespace create_child_responder

namespace ike_rekey_initiator {  // ike_rekey_initiator.cpp
bool request(Core& core, uint32_t ike_sa);  // queued; false unless established
void start(Core& core, IkeSa& sa);
void receive(Core& core, IkeSa& sa, const std::vector<wire::Payload>& payloads);
}  // namespace ike_rekey_initiator

namespace ike_rekey_responder {  // ike_rekey_responder.cpp
void receive(Core& core, IkeSa& old, const Inbound& in, const std::vector<wire::Payload>& payloads);
}  // namespace ike_rekey_responder

namespace informational {  // informational.cpp
void send(Core& core, IkeSa& sa, std::vector<wire::Payload> inner);
// Delete of the IKE SA (and with it its CHILD SAs); `reason` for 750007.
bool delete_ike(Core& core, uint32_t ike_sa, const std::string& reason);
void delete_child(Core& core, IkeSa& sa, uint32_t spi_in);
void receive_request(Core& core, IkeSa& sa, const Inbound& in);
void receive_response(Core& core, IkeSa& sa, const Inbound& in);
}  // namespace informational

namespace dpd {  // dpd.cpp (liveness check, RFC 7296 2.4, from `isakmp keepalive`)
void arm(Core& core, IkeSa& sa);
}  // namespace dpd

}  // namespace ikeshift::engine::ikev2
