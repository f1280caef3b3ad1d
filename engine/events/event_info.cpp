#include "events/event_info.h"

#include <string>

namespace ikeshift::engine::events {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::Emergency: return "emergency";
    case Severity::Alert: return "alert";
    case Severity::Critical: return "critical";
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Notice: return "notice";
    case Severity::Informational: return "informational";
    case Severity::Debug: return "debug";
  }
  return "debug";
}

std::string_view to_string(SaKind kind) { return kind == SaKind::Ike ? "IKE" : "CHILD"; }

std::string exchange_name(int ike_version, uint8_t exchange) {
  if (ike_version == 1) {
    switch (exchange) {  // RFC 2408 / 2409
      case 2: return "MAIN_MODE";
      case 4: return "AGGRESSIVE";
      case 5: return "INFORMATIONAL";
      case 32: return "QUICK_MODE";
      default: break;
    }
  } else {
    switch (exchange) {  // RFC 7296
      case 34: return "IKE_SA_INIT";
      case 35: return "IKE_AUTH";
      case 36: return "CREATE_CHILD_SA";
      case 37: return "INFORMATIONAL";
      default: break;
    }
  }
  return "EXCHANGE_" + std::to_string(exchange);
}

namespace {

// Severities of the ASA ids follow asa-facts.md; KeyAcquireDispatched and the
// IKEv<n> outcomes pick their id from their fields.
EventInfo describe(const TunnelRequested&) { return {"tunnel_requested", 750001, Severity::Notice}; }
EventInfo describe(const InitRequestReceived&) {
  return {"init_request_received", 750002, Severity::Notice};
}
EventInfo describe(const NegotiationAborted&) {
  return {"negotiation_aborted", 750003, Severity::Warning};
}
EventInfo describe(const CookieChallengeSent&) {
  return {"cookie_challenge_sent", 750004, Severity::Notice};
}
EventInfo describe(const SaUp&) { return {"sa_up", 750006, Severity::Notice}; }
EventInfo describe(const SaDown&) { return {"sa_down", 750007, Severity::Notice}; }
EventInfo describe(const TunnelManagerEntryRemoved&) {
  return {"tunnel_manager_entry_removed", 752002, Severity::Debug};
}
EventInfo describe(const KeyAcquireDispatched& e) {
  if (e.after_failed_attempt)
    return {"key_acquire_dispatched", e.ike_version == 1 ? 752014 : 752013, Severity::Warning};
  return {"key_acquire_dispatched", e.ike_version == 1 ? 752004 : 752003, Severity::Notice};
}
EventInfo describe(const NoIkev2Proposal&) { return {"no_ikev2_proposal", 752010, Severity::Warning}; }
EventInfo describe(const TunnelSetupFailed&) {
  return {"tunnel_setup_failed", 752012, Severity::Warning};
}
EventInfo describe(const AllIkeVersionsFailed&) {
  return {"all_ike_versions_failed", 752015, Severity::Error};
}
EventInfo describe(const TunnelSetupSucceeded&) {
  return {"tunnel_setup_succeeded", 752016, Severity::Notice};
}

// IKEv1 (713xxx): severities as the ASA logs them.
EventInfo describe(const Ikev1NewPhase1&) { return {"ikev1_new_phase1", 713041, Severity::Notice}; }
EventInfo describe(const Ikev1Phase1Completed&) { return {"ikev1_phase1_completed", 713119, Severity::Notice}; }
EventInfo describe(const Ikev1Phase2Completed&) { return {"ikev1_phase2_completed", 713120, Severity::Notice}; }
EventInfo describe(const Ikev1SecurityNegotiationComplete&) {
  return {"ikev1_security_negotiation_complete", 713049, Severity::Notice};
}
EventInfo describe(const Ikev1ProxyRejected&) { return {"ikev1_proxy_rejected", 713061, Severity::Error}; }
EventInfo describe(const Ikev1DuplicatePacket&) { return {"ikev1_duplicate_packet", 713201, Severity::Notice}; }
EventInfo describe(const Ikev1ConnectionTerminated&) {
  return {"ikev1_connection_terminated", 713050, Severity::Notice};
}

EventInfo describe(const MessageSent&) { return {"message_sent", 0, Severity::Debug}; }
EventInfo describe(const MessageReceived&) { return {"message_received", 0, Severity::Debug}; }
EventInfo describe(const RequestRetransmitted&) {
  return {"request_retransmitted", 0, Severity::Informational};
}
EventInfo describe(const RetransmissionsExhausted&) {
  return {"retransmissions_exhausted", 0, Severity::Warning};
}
EventInfo describe(const ResponseRetransmitted&) {
  return {"response_retransmitted", 0, Severity::Debug};
}
EventInfo describe(const ProposalChosen&) { return {"proposal_chosen", 0, Severity::Informational}; }
EventInfo describe(const ProposalMismatch&) { return {"proposal_mismatch", 0, Severity::Warning}; }
EventInfo describe(const AuthenticationFailed&) {
  return {"authentication_failed", 0, Severity::Warning};
}
EventInfo describe(const TrafficSelectorsUnacceptable&) {
  return {"traffic_selectors_unacceptable", 0, Severity::Warning};
}
EventInfo describe(const NatDetected&) { return {"nat_detected", 0, Severity::Informational}; }
EventInfo describe(const DpdSent&) { return {"dpd_sent", 0, Severity::Debug}; }
EventInfo describe(const DpdNoReply&) { return {"dpd_no_reply", 0, Severity::Warning}; }
EventInfo describe(const RekeyStarted&) { return {"rekey_started", 0, Severity::Informational}; }
EventInfo describe(const RekeyCompleted&) { return {"rekey_completed", 0, Severity::Informational}; }
EventInfo describe(const DeleteSent&) { return {"delete_sent", 0, Severity::Informational}; }
EventInfo describe(const DeleteReceived&) { return {"delete_received", 0, Severity::Informational}; }
EventInfo describe(const IsakmpSaRemoved&) { return {"isakmp_sa_removed", 0, Severity::Informational}; }
EventInfo describe(const MalformedMessageDropped&) {
  return {"malformed_message_dropped", 0, Severity::Warning};
}

EventInfo describe(const EspSaCreated&) { return {"esp_sa_created", 602303, Severity::Informational}; }
EventInfo describe(const EspSaDeleted&) { return {"esp_sa_deleted", 602304, Severity::Informational}; }
EventInfo describe(const EspPacketDropped& e) {
  switch (e.reason) {
    case EspDropReason::UnknownSpi: return {"esp_packet_dropped", 402114, Severity::Warning};
    case EspDropReason::SelectorMismatch: return {"esp_packet_dropped", 402116, Severity::Warning};
    case EspDropReason::Replay: return {"esp_packet_dropped", 402119, Severity::Warning};
    case EspDropReason::Authentication: return {"esp_packet_dropped", 402120, Severity::Warning};
    case EspDropReason::Malformed:
    case EspDropReason::Padding:
    case EspDropReason::InnerMalformed:
    case EspDropReason::LifetimeExpired: return {"esp_packet_dropped", 402121, Severity::Warning};
    default: return {"esp_packet_dropped", 0, Severity::Debug};  // outbound: no ASA message
  }
}
EventInfo describe(const EspSaInstallFailed&) { return {"esp_sa_install_failed", 0, Severity::Error}; }
EventInfo describe(const EspLifetimeExpired& e) {
  return {"esp_lifetime_expired", 0, e.hard ? Severity::Warning : Severity::Informational};
}

}  // namespace

std::string_view to_string(EspDropReason r) {
  switch (r) {
    case EspDropReason::UnknownSpi: return "unknown SPI";
    case EspDropReason::Malformed: return "malformed ESP packet";
    case EspDropReason::Replay: return "anti-replay check failed";
    case EspDropReason::Authentication: return "ICV check failed";
    case EspDropReason::Padding: return "bad padding";
    case EspDropReason::SelectorMismatch: return "inner packet outside the SA's selectors";
    case EspDropReason::InnerMalformed: return "decrypted packet is not valid IPv4";
    case EspDropReason::LifetimeExpired: return "SA lifetime expired";
    case EspDropReason::NoPolicy: return "no crypto ACL entry covers the packet";
    case EspDropReason::NoSa: return "no SA yet (KEY_ACQUIRE pending)";
    case EspDropReason::HoldExpired: return "held too long waiting for an SA";
    case EspDropReason::SequenceExhausted: return "sequence numbers exhausted";
    case EspDropReason::TooBig: return "packet too big for ESP encapsulation";
    case EspDropReason::SendFailed: return "send failed";
  }
  return "?";
}

EventInfo info(const Event& event) {
  return std::visit([](const auto& e) { return describe(e); }, event);
}

}  // namespace ikeshift::engine::events
