#include "events/asa_format.h"

#include <string_view>

#include "common/ipv4.h"
#include "events/event_info.h"
#include "events/text_append.h"

namespace ikeshift::engine::events {

namespace {

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_printable(out, s);
  return out;
}

std::string hex(uint64_t v, int digits) {
  std::string out;
  append_hex(out, v, digits);
  return out;
}

// "Local:192.168.1.1:500 Remote:192.168.2.2:500 Username:Unknown "
void append_peer_prefix(std::string& out, const Peer& p) {
  out += "Local:";
  io::append_endpoint(out, p.local);
  out += " Remote:";
  io::append_endpoint(out, p.remote);
  out += " Username:";
  if (p.username.empty()) {
    out += "Unknown";
  } else {
    append_printable(out, p.username);
  }
  out += ' ';
}
std::string peer_prefix(const Peer& p) {
  std::string out;
  append_peer_prefix(out, p);
  return out;
}

std::string map_suffix(const CryptoMapEntry& m) {
  return "Map Tag = " + printable(m.tag) + ". Map Sequence Number = " + std::to_string(m.sequence) +
         ".";
}

void append_version(std::string& out, int v) {
  out += "IKEv";
  append_decimal(out, static_cast<uint64_t>(v));
}
std::string version(int v) {
  std::string out;
  append_version(out, v);
  return out;
}

// "IKEv2-PROTO-3: (12): " — level is the ASA debug level (1 = errors ... 5).
void append_proto(std::string& out, const SaRef& sa, int level) {
  append_version(out, sa.ike_version);
  out += "-PROTO-";
  append_decimal(out, static_cast<uint64_t>(level));
  out += ": (";
  append_decimal(out, sa.sa_id);
  out += "): ";
}
std::string proto(const SaRef& sa, int level) {
  std::string out;
  append_proto(out, sa, level);
  return out;
}

std::string spi_text(SaKind kind, uint64_t spi) {
  return "0x" + hex(spi, kind == SaKind::Ike ? 16 : 8);
}

void append_bracketed(std::string& out, const io::Endpoint& e) {
  out += '[';
  append_ipv4(out, e.address);
  out += "]:";
  append_decimal(out, e.port);
}
std::string bracketed(const io::Endpoint& e) {
  std::string out;
  append_bracketed(out, e);
  return out;
}

void append_exchange_tag(std::string& out, const SaRef& sa, uint8_t exchange) {
  out += '[';
  out += exchange_name(sa.ike_version, exchange);
  out += ']';
}
std::string exchange_tag(const SaRef& sa, uint8_t exchange) {
  std::string out;
  append_exchange_tag(out, sa, exchange);
  return out;
}

void append_mid(std::string& out, uint32_t id) {
  out += "MID=";
  append_hex(out, id, 8);
}
std::string mid(uint32_t id) {
  std::string out;
  append_mid(out, id);
  return out;
}

std::string compact_selector(const TrafficSelector& ts) {
  return format_ipv4(ts.addresses.first) + "-" + format_ipv4(ts.addresses.last) + " proto " +
         std::to_string(ts.protocol) + " port " + std::to_string(ts.port_first) + "-" +
         std::to_string(ts.port_last);
}

template <class T, class F>
std::string joined(const std::vector<T>& items, F render) {
  if (items.empty()) return "(none)";
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += "; ";
    out += render(items[i]);
  }
  return out;
}

void append_packet(std::string& out, const char* verb, const SaRef& sa, uint8_t exchange, uint32_t message_id,
                   const io::Endpoint& from, const io::Endpoint& to) {
  // Seed 004: "IKEv2-PLAT-4: SENT PKT [IKE_SA_INIT] [192.168.1.1]:500->[192.168.2.2]:500
  // InitSPI=0x297ef9ca996102a6 RespSPI=0x0000000000000000 MID=00000000"
  append_version(out, sa.ike_version);
  out += "-PLAT-4: ";
  out += verb;
  out += " PKT ";
  append_exchange_tag(out, sa, exchange);
  out += ' ';
  append_bracketed(out, from);
  out += "->";
  append_bracketed(out, to);
  out += " InitSPI=0x";
  append_hex(out, sa.spi_i, 16);
  out += " RespSPI=0x";
  append_hex(out, sa.spi_r, 16);
  out += ' ';
  append_mid(out, message_id);
}

// ---- ASA syslog texts (asa-facts.md "Syslog", seed 004)

std::string text(const TunnelRequested& e) {
  return peer_prefix(e.peer) + "Received request to establish an IPsec tunnel; local traffic selector = " +
         format_asa_selector(e.local_selector) +
         "; remote traffic selector = " + format_asa_selector(e.remote_selector);
}
void append_text(std::string& out, const InitRequestReceived& e) {
  append_peer_prefix(out, e.peer);
  out += "Received a IKE_INIT_SA request";
}
std::string text(const NegotiationAborted& e) {
  return peer_prefix(e.peer) + "Negotiation aborted due to ERROR: " + printable(e.error);
}
std::string text(const CookieChallengeSent& e) {
  return peer_prefix(e.peer) + "Sending COOKIE challenge to throttle possible DoS";
}
void append_text(std::string& out, const SaUp& e) {
  append_peer_prefix(out, e.peer);
  out += "SA UP. Reason: ";
  append_printable(out, e.reason);
}
std::string text(const SaDown& e) {
  return peer_prefix(e.peer) + "SA DOWN. Reason: " + printable(e.reason);
}
std::string text(const TunnelManagerEntryRemoved& e) {
  return "Tunnel Manager Removed entry. " + map_suffix(e.map);
}
std::string text(const KeyAcquireDispatched& e) {
  return "Tunnel Manager dispatching a KEY_ACQUIRE message to " + version(e.ike_version) +
         (e.after_failed_attempt ? " after a failed attempt. " : ". ") + map_suffix(e.map);
}
std::string text(const NoIkev2Proposal&) { return "IKEv2 Doesn't have a proposal specified"; }
std::string text(const TunnelSetupFailed& e) {
  return version(e.ike_version) + " was unsuccessful at setting up a tunnel. " + map_suffix(e.map);
}
std::string text(const AllIkeVersionsFailed& e) {
  return "Tunnel Manager has failed to establish an L2L SA. All configured IKE versions failed to "
         "establish the tunnel. " +
         map_suffix(e.map);
}
std::string text(const TunnelSetupSucceeded& e) {
  return version(e.ike_version) + " was successful at setting up a tunnel. " + map_suffix(e.map);
}

// ---- ASA IKEv1 texts. The wording, spacing (two spaces where the ASA puts
// two) and capitalisation follow real ASA 8.x/9.x logs of these ids as
// published in Cisco's troubleshooting documents and forum posts; they were
// not checked against a device here.

// "Group = 192.168.2.2, IP = 192.168.2.2, " / "IP = 192.168.2.2, ".
std::string ikev1_prefix(const Ikev1Peer& p) {
  return (p.group.empty() ? std::string() : "Group = " + printable(p.group) + ", ") + "IP = " +
         format_ipv4(p.address) + ", ";
}

int prefix_length(const model::AddressRange& r) {
  for (int len = 0; len <= 32; ++len) {
    const uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
    if ((r.first & ~mask) == 0 && r.last == (r.first | ~mask)) return len;
  }
  return -1;
}

// "10.10.10.0/255.255.255.0/0/0" (address/mask/protocol/port), as 713061 prints a proxy.
std::string proxy(const TrafficSelector& ts) {
  const int len = prefix_length(ts.addresses);
  std::string where = len >= 0 ? format_ipv4(ts.addresses.first) + "/" +
                                     format_ipv4(len == 0 ? 0 : ~uint32_t{0} << (32 - len))
                               : format_ipv4(ts.addresses.first) + "-" + format_ipv4(ts.addresses.last);
  const uint16_t port = ts.port_first == ts.port_last ? ts.port_first : 0;
  return where + "/" + std::to_string(ts.protocol) + "/" + std::to_string(port);
}

std::string text(const Ikev1NewPhase1& e) {
  return ikev1_prefix(Ikev1Peer{"", e.peer.address}) + "IKE Initiator: New Phase 1, Intf " + printable(e.interface) +
         ", IKE Peer " + format_ipv4(e.peer.address) + "  local Proxy Address " +
         format_ipv4(e.local_proxy.addresses.first) + ", remote Proxy Address " +
         format_ipv4(e.remote_proxy.addresses.first) + ",  Crypto map (" + printable(e.map) + ")";
}
std::string text(const Ikev1Phase1Completed& e) { return ikev1_prefix(e.peer) + "PHASE 1 COMPLETED"; }
std::string text(const Ikev1Phase2Completed& e) {
  return ikev1_prefix(e.peer) + "PHASE 2 COMPLETED (msgid=" + hex(e.message_id, 8) + ")";
}
std::string text(const Ikev1SecurityNegotiationComplete& e) {
  return ikev1_prefix(e.peer) + "Security negotiation complete for LAN-to-LAN Group (" + printable(e.peer.group) +
         ")  " + (e.initiator ? "Initiator" : "Responder") + ", Inbound SPI = 0x" + hex(e.spi_in, 8) +
         ", Outbound SPI = 0x" + hex(e.spi_out, 8);
}
std::string text(const Ikev1ProxyRejected& e) {
  return ikev1_prefix(e.peer) + "Rejecting IPSec tunnel: no matching crypto map entry for remote proxy " +
         proxy(e.remote_proxy) + " local proxy " + proxy(e.local_proxy) + " on interface " + printable(e.interface);
}
std::string text(const Ikev1DuplicatePacket& e) {
  return ikev1_prefix(e.peer) + "Duplicate Phase " + std::to_string(e.phase) + " packet detected.  " +
         (e.retransmitted ? "Retransmitting last packet." : "No last packet to retransmit.");
}
std::string text(const Ikev1ConnectionTerminated& e) {
  return ikev1_prefix(e.peer) + "Connection terminated for peer " +
         (e.peer.group.empty() ? format_ipv4(e.peer.address) : printable(e.peer.group)) + ".  Reason: " +
         printable(e.reason) + "  Remote Proxy " + format_ipv4(e.remote_proxy.addresses.first) + ", Local Proxy " +
         format_ipv4(e.local_proxy.addresses.first);
}

// ---- diagnostics (ASA debug layout; wording after seed 003's RTX list)

void append_text(std::string& out, const MessageSent& e) {
  append_packet(out, "SENT", e.sa, e.exchange, e.message_id, e.sa.local, e.sa.remote);
}
void append_text(std::string& out, const MessageReceived& e) {
  append_packet(out, "RECV", e.sa, e.exchange, e.message_id, e.sa.remote, e.sa.local);
}
std::string text(const RequestRetransmitted& e) {
  return proto(e.sa, 4) + "Retransmitting request " + exchange_tag(e.sa, e.exchange) + " " +
         mid(e.message_id) + ", attempt " + std::to_string(e.attempt);
}
std::string text(const RetransmissionsExhausted& e) {
  return proto(e.sa, 1) + "Retransmission timed out " + exchange_tag(e.sa, e.exchange) + " " +
         mid(e.message_id) + " after " + std::to_string(e.attempts) + " attempts";
}
std::string text(const ResponseRetransmitted& e) {
  return proto(e.sa, 4) + "Retransmitting cached response to a duplicate request " +
         exchange_tag(e.sa, e.exchange) + " " + mid(e.message_id);
}
void append_text(std::string& out, const ProposalChosen& e) {
  append_proto(out, e.sa, 4);
  out += "Proposal chosen for ";
  out += to_string(e.kind);
  out += " SA: ";
  append_printable(out, e.proposal);
}
std::string text(const ProposalMismatch& e) {
  const auto p = [](const std::string& s) { return printable(s); };
  return proto(e.sa, 1) + "No proposal chosen for " + std::string(to_string(e.kind)) +
         " SA. Received: " + joined(e.received, p) + ". Configured: " + joined(e.configured, p) +
         ".";
}
std::string text(const AuthenticationFailed& e) {
  return proto(e.sa, 1) + "Authentication of peer " + printable(e.peer_identity) +
         " failed: " + printable(e.reason);
}
std::string text(const TrafficSelectorsUnacceptable& e) {
  const auto pair = [](const std::pair<TrafficSelector, TrafficSelector>& p) {
    return compact_selector(p.first) + " -> " + compact_selector(p.second);
  };
  return proto(e.sa, 1) + "Traffic selectors unacceptable. Received TSi: " +
         joined(e.received_initiator, compact_selector) +
         ". TSr: " + joined(e.received_responder, compact_selector) +
         ". Configured: " + joined(e.configured, pair) + ".";
}
void append_text(std::string& out, const NatDetected& e) {
  append_proto(out, e.sa, 3);
  out += e.local_behind_nat ? "NAT detected at local side, " : "no NAT detected at local side, ";
  out += e.remote_behind_nat ? "NAT detected at remote side" : "no NAT detected at remote side";
}
std::string text(const DpdSent& e) {
  return proto(e.sa, 4) + "Sending DPD/liveness query, " + mid(e.message_id);
}
std::string text(const DpdNoReply& e) {
  return proto(e.sa, 1) + "No reply to DPD/liveness query from " + io::to_string(e.sa.remote) +
         " after " + std::to_string(e.attempts) + " attempts; peer declared dead";
}
std::string text(const RekeyStarted& e) {
  return proto(e.sa, 3) + "Rekeying " + std::string(to_string(e.kind)) + " SA, old SPI " +
         spi_text(e.kind, e.old_spi);
}
std::string text(const RekeyCompleted& e) {
  return proto(e.sa, 3) + "Rekey of " + std::string(to_string(e.kind)) + " SA complete, old SPI " +
         spi_text(e.kind, e.old_spi) + ", new SPI " + spi_text(e.kind, e.new_spi);
}
std::string delete_text(const char* verb, const SaRef& sa, SaKind kind,
                        const std::vector<uint64_t>& spis) {
  std::string out = proto(sa, 3) + verb + " DELETE for " + std::string(to_string(kind)) + " SA";
  if (!spis.empty()) {
    out += spis.size() == 1 ? ", SPI " : ", SPIs ";
    for (size_t i = 0; i < spis.size(); ++i) out += (i ? ", " : "") + spi_text(kind, spis[i]);
  }
  return out;
}
std::string text(const DeleteSent& e) { return delete_text("Sending", e.sa, e.kind, e.spis); }
std::string text(const DeleteReceived& e) { return delete_text("Received", e.sa, e.kind, e.spis); }
std::string text(const IsakmpSaRemoved& e) {
  return proto(e.sa, 3) + "ISAKMP SA removed: " + printable(e.reason);
}
std::string text(const MalformedMessageDropped& e) {
  const std::string who = e.ike_version ? version(e.ike_version) : std::string("IKE");
  return who + "-PLAT-2: Dropped malformed packet " + bracketed(e.from) + "->" + bracketed(e.to) +
         ", " + std::to_string(e.length) + " bytes: " + printable(e.reason);
}

// ---- ESP data plane. 402119 / 402120 follow Cisco's ASA syslog reference
// (verified); 402114, 402116, 402121, 602303 and 602304 follow the same
// chapter's layout (not verified against a device).

std::string esp_user(const std::string& u, uint32_t remote) {
  return "(user= " + (u.empty() ? format_ipv4(remote) : printable(u)) + ")";
}
std::string text(const EspSaCreated& e) {
  return std::string("IPSEC: An ") + (e.direction == EspDirection::Inbound ? "inbound" : "outbound") +
         " LAN-to-LAN SA (SPI= 0x" + hex(e.spi, 8) + ") between " + format_ipv4(e.local) + " and " +
         format_ipv4(e.remote) + " " + esp_user(e.username, e.remote) + " has been created.";
}
std::string text(const EspSaDeleted& e) {
  return std::string("IPSEC: An ") + (e.direction == EspDirection::Inbound ? "inbound" : "outbound") +
         " LAN-to-LAN SA (SPI= 0x" + hex(e.spi, 8) + ") between " + format_ipv4(e.local) + " and " +
         format_ipv4(e.remote) + " " + esp_user(e.username, e.remote) + " has been deleted.";
}
std::string suppressed(uint64_t n) {
  return n == 0 ? std::string() : " (" + std::to_string(n) + " more since the last message)";
}
std::string text(const EspPacketDropped& e) {
  const std::string head = "IPSEC: Received an ESP packet (SPI= 0x" + hex(e.spi, 8) +
                           ", sequence number= 0x" + hex(e.sequence, 8) + ") from " + format_ipv4(e.outer_remote) +
                           " " + esp_user(e.username, e.outer_remote) + " to " + format_ipv4(e.outer_local);
  switch (e.reason) {
    case EspDropReason::UnknownSpi:
      return "IPSEC: Received an ESP packet (SPI= 0x" + hex(e.spi, 8) + ", sequence number= 0x" +
             hex(e.sequence, 8) + ") from " + format_ipv4(e.outer_remote) + " to " + format_ipv4(e.outer_local) +
             " with an invalid SPI." + suppressed(e.suppressed);
    case EspDropReason::Replay: return head + " that failed anti-replay checking." + suppressed(e.suppressed);
    case EspDropReason::Authentication: return head + " that failed authentication." + suppressed(e.suppressed);
    case EspDropReason::SelectorMismatch:
      return head + ". The decapsulated inner packet doesn't match the negotiated policy in the SA. The packet "
                    "specifies its destination as " +
             format_ipv4(e.dst) + ", its source as " + format_ipv4(e.src) + ", and its protocol as " +
             std::to_string(e.protocol) + ". The SA specifies its local proxy as " + compact_selector(e.sa_local) +
             " and its remote proxy as " + compact_selector(e.sa_remote) + "." + suppressed(e.suppressed);
    case EspDropReason::Malformed:
    case EspDropReason::Padding:
    case EspDropReason::InnerMalformed:
    case EspDropReason::LifetimeExpired:
      return head + " that was dropped by IPsec (" + std::string(to_string(e.reason)) + ")." +
             suppressed(e.suppressed);
    default:
      break;
  }
  return "IPSEC-PLAT-3: Dropped outbound packet " + format_ipv4(e.src) + "->" + format_ipv4(e.dst) + " proto " +
         std::to_string(e.protocol) + (e.spi ? " (SA 0x" + hex(e.spi, 8) + ")" : std::string()) + ": " +
         std::string(to_string(e.reason)) + suppressed(e.suppressed);
}
std::string text(const EspSaInstallFailed& e) {
  return "IPSEC-PLAT-1: (" + std::to_string(e.ike_sa) + "): Cannot install the SA with inbound SPI 0x" +
         hex(e.spi_in, 8) + ": " + printable(e.reason);
}
std::string text(const EspLifetimeExpired& e) {
  return "IPSEC-PLAT-3: (" + std::to_string(e.ike_sa) + "): " + (e.hard ? "Hard" : "Soft") +
         " kilobyte lifetime (" + std::to_string(e.kilobytes) + " kB) of the SA with inbound SPI 0x" +
         hex(e.spi_in, 8) + (e.hard ? " reached; the SA carries no more traffic" : " reached; rekeying");
}

// Every event has a text(); the lines written for every IKE setup also have an
// append_text() that builds in place, and the rest go through this.
template <class E>
void append_text(std::string& out, const E& e) {
  out += text(e);
}

}  // namespace

std::string format_asa_selector(const TrafficSelector& ts) {
  return "Address Range: " + format_ipv4(ts.addresses.first) + "-" + format_ipv4(ts.addresses.last) +
         " Protocol: " + std::to_string(ts.protocol) + " Port Range: " + std::to_string(ts.port_first) +
         "-" + std::to_string(ts.port_last);
}

void append_asa(std::string& out, const Event& event, const EventInfo& i) {
  if (i.asa_id != 0) {
    out += "%ASA-";
    append_decimal(out, static_cast<uint64_t>(to_int(i.severity)));
    out += '-';
    append_decimal(out, i.asa_id);
    out += ": ";
  }
  std::visit([&out](const auto& e) { append_text(out, e); }, event);
}

std::string format_asa(const Event& event) {
  std::string out;
  append_asa(out, event, info(event));
  return out;
}

}  // namespace ikeshift::engine::events
