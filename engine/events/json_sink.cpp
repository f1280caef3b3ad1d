#include "events/json_sink.h"

#include <cstdio>

#include "common/ipv4.h"
#include "events/asa_format.h"
#include "events/event_info.h"
#include "events/json_escape.h"
#include "events/json_writer.h"
#include "events/timestamp.h"

namespace ikeshift::engine::events {

namespace {

std::string hex(uint64_t v, int digits) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%0*llx", digits, static_cast<unsigned long long>(v));
  return buf;
}

std::string spi(SaKind kind, uint64_t v) { return hex(v, kind == SaKind::Ike ? 16 : 8); }

void put(JsonWriter& w, const Peer& p) {
  w.key("local").value(io::to_string(p.local));
  w.key("remote").value(io::to_string(p.remote));
  w.key("username");
  if (p.username.empty()) {
    w.null();  // the ASA prints "Unknown": the tunnel-group is not known yet
  } else {
    w.value(p.username);
  }
}

void put(JsonWriter& w, const CryptoMapEntry& m) {
  w.key("map_tag").value(m.tag);
  w.key("map_sequence").value(m.sequence);
}

void put(JsonWriter& w, const SaRef& sa) {
  w.key("ike_version").value(sa.ike_version);
  w.key("sa_id").value(sa.sa_id);
  w.key("spi_i").value(hex(sa.spi_i, 16));
  w.key("spi_r").value(hex(sa.spi_r, 16));
  w.key("local").value(io::to_string(sa.local));
  w.key("remote").value(io::to_string(sa.remote));
}

void put_selector(JsonWriter& w, const TrafficSelector& ts) {
  w.begin_object();
  w.key("first").value(format_ipv4(ts.addresses.first));
  w.key("last").value(format_ipv4(ts.addresses.last));
  w.key("protocol").value(static_cast<int>(ts.protocol));
  w.key("port_first").value(static_cast<int>(ts.port_first));
  w.key("port_last").value(static_cast<int>(ts.port_last));
  w.end_object();
}

void put_selectors(JsonWriter& w, const std::vector<TrafficSelector>& list) {
  w.begin_array();
  for (const auto& ts : list) put_selector(w, ts);
  w.end_array();
}

void put_strings(JsonWriter& w, const std::vector<std::string>& list) {
  w.begin_array();
  for (const auto& s : list) w.value(s);
  w.end_array();
}

void put_spis(JsonWriter& w, SaKind kind, const std::vector<uint64_t>& list) {
  w.begin_array();
  for (uint64_t v : list) w.value(spi(kind, v));
  w.end_array();
}

void put_exchange(JsonWriter& w, const SaRef& sa, uint8_t exchange, uint32_t message_id) {
  w.key("exchange").value(exchange_name(sa.ike_version, exchange));
  w.key("message_id").value(message_id);
}

void fields(JsonWriter& w, const TunnelRequested& e) {
  put(w, e.peer);
  w.key("local_selector");
  put_selector(w, e.local_selector);
  w.key("remote_selector");
  put_selector(w, e.remote_selector);
}
void fields(JsonWriter& w, const InitRequestReceived& e) { put(w, e.peer); }
void fields(JsonWriter& w, const NegotiationAborted& e) {
  put(w, e.peer);
  w.key("error").value(e.error);
}
void fields(JsonWriter& w, const CookieChallengeSent& e) { put(w, e.peer); }
void fields(JsonWriter& w, const SaUp& e) {
  put(w, e.peer);
  w.key("reason").value(e.reason);
}
void fields(JsonWriter& w, const SaDown& e) {
  put(w, e.peer);
  w.key("reason").value(e.reason);
}
void fields(JsonWriter& w, const TunnelManagerEntryRemoved& e) { put(w, e.map); }
void fields(JsonWriter& w, const KeyAcquireDispatched& e) {
  put(w, e.map);
  w.key("ike_version").value(e.ike_version);
  w.key("after_failed_attempt").value(e.after_failed_attempt);
}
void fields(JsonWriter& w, const NoIkev2Proposal& e) { put(w, e.map); }
void fields(JsonWriter& w, const TunnelSetupFailed& e) {
  put(w, e.map);
  w.key("ike_version").value(e.ike_version);
}
void fields(JsonWriter& w, const AllIkeVersionsFailed& e) { put(w, e.map); }
void fields(JsonWriter& w, const TunnelSetupSucceeded& e) {
  put(w, e.map);
  w.key("ike_version").value(e.ike_version);
}

void put(JsonWriter& w, const Ikev1Peer& p) {
  w.key("tunnel_group");
  if (p.group.empty()) {
    w.null();
  } else {
    w.value(p.group);
  }
  w.key("peer").value(format_ipv4(p.address));
}
void fields(JsonWriter& w, const Ikev1NewPhase1& e) {
  put(w, e.peer);
  w.key("interface").value(e.interface);
  w.key("local_proxy");
  put_selector(w, e.local_proxy);
  w.key("remote_proxy");
  put_selector(w, e.remote_proxy);
  w.key("map_tag").value(e.map);
}
void fields(JsonWriter& w, const Ikev1Phase1Completed& e) { put(w, e.peer); }
void fields(JsonWriter& w, const Ikev1Phase2Completed& e) {
  put(w, e.peer);
  w.key("message_id").value(e.message_id);
}
void fields(JsonWriter& w, const Ikev1SecurityNegotiationComplete& e) {
  put(w, e.peer);
  w.key("role").value(e.initiator ? "initiator" : "responder");
  w.key("spi_in").value(hex(e.spi_in, 8));
  w.key("spi_out").value(hex(e.spi_out, 8));
}
void fields(JsonWriter& w, const Ikev1ProxyRejected& e) {
  put(w, e.peer);
  w.key("remote_proxy");
  put_selector(w, e.remote_proxy);
  w.key("local_proxy");
  put_selector(w, e.local_proxy);
  w.key("interface").value(e.interface);
}
void fields(JsonWriter& w, const Ikev1DuplicatePacket& e) {
  put(w, e.peer);
  w.key("phase").value(e.phase);
  w.key("retransmitted").value(e.retransmitted);
}
void fields(JsonWriter& w, const Ikev1ConnectionTerminated& e) {
  put(w, e.peer);
  w.key("reason").value(e.reason);
  w.key("remote_proxy");
  put_selector(w, e.remote_proxy);
  w.key("local_proxy");
  put_selector(w, e.local_proxy);
}

void fields(JsonWriter& w, const MessageSent& e) {
  put(w, e.sa);
  put_exchange(w, e.sa, e.exchange, e.message_id);
  w.key("response").value(e.response);
  w.key("length").value(static_cast<uint64_t>(e.length));
}
void fields(JsonWriter& w, const MessageReceived& e) {
  put(w, e.sa);
  put_exchange(w, e.sa, e.exchange, e.message_id);
  w.key("response").value(e.response);
  w.key("length").value(static_cast<uint64_t>(e.length));
}
void fields(JsonWriter& w, const RequestRetransmitted& e) {
  put(w, e.sa);
  put_exchange(w, e.sa, e.exchange, e.message_id);
  w.key("attempt").value(e.attempt);
}
void fields(JsonWriter& w, const RetransmissionsExhausted& e) {
  put(w, e.sa);
  put_exchange(w, e.sa, e.exchange, e.message_id);
  w.key("attempts").value(e.attempts);
}
void fields(JsonWriter& w, const ResponseRetransmitted& e) {
  put(w, e.sa);
  put_exchange(w, e.sa, e.exchange, e.message_id);
}
void fields(JsonWriter& w, const ProposalChosen& e) {
  put(w, e.sa);
  w.key("sa_kind").value(to_string(e.kind));
  w.key("proposal").value(e.proposal);
}
void fields(JsonWriter& w, const ProposalMismatch& e) {
  put(w, e.sa);
  w.key("sa_kind").value(to_string(e.kind));
  w.key("received");
  put_strings(w, e.received);
  w.key("configured");
  put_strings(w, e.configured);
}
void fields(JsonWriter& w, const AuthenticationFailed& e) {
  put(w, e.sa);
  w.key("peer_identity").value(e.peer_identity);
  w.key("reason").value(e.reason);
}
void fields(JsonWriter& w, const TrafficSelectorsUnacceptable& e) {
  put(w, e.sa);
  w.key("received_tsi");
  put_selectors(w, e.received_initiator);
  w.key("received_tsr");
  put_selectors(w, e.received_responder);
  w.key("configured").begin_array();
  for (const auto& [local, remote] : e.configured) {
    w.begin_object();
    w.key("local");
    put_selector(w, local);
    w.key("remote");
    put_selector(w, remote);
    w.end_object();
  }
  w.end_array();
}
void fields(JsonWriter& w, const NatDetected& e) {
  put(w, e.sa);
  w.key("local_behind_nat").value(e.local_behind_nat);
  w.key("remote_behind_nat").value(e.remote_behind_nat);
}
void fields(JsonWriter& w, const DpdSent& e) {
  put(w, e.sa);
  w.key("message_id").value(e.message_id);
}
void fields(JsonWriter& w, const DpdNoReply& e) {
  put(w, e.sa);
  w.key("attempts").value(e.attempts);
}
void fields(JsonWriter& w, const RekeyStarted& e) {
  put(w, e.sa);
  w.key("sa_kind").value(to_string(e.kind));
  w.key("old_spi").value(spi(e.kind, e.old_spi));
}
void fields(JsonWriter& w, const RekeyCompleted& e) {
  put(w, e.sa);
  w.key("sa_kind").value(to_string(e.kind));
  w.key("old_spi").value(spi(e.kind, e.old_spi));
  w.key("new_spi").value(spi(e.kind, e.new_spi));
}
void fields(JsonWriter& w, const DeleteSent& e) {
  put(w, e.sa);
  w.key("sa_kind").value(to_string(e.kind));
  w.key("spis");
  put_spis(w, e.kind, e.spis);
}
void fields(JsonWriter& w, const DeleteReceived& e) {
  put(w, e.sa);
  w.key("sa_kind").value(to_string(e.kind));
  w.key("spis");
  put_spis(w, e.kind, e.spis);
}
void fields(JsonWriter& w, const IsakmpSaRemoved& e) {
  put(w, e.sa);
  w.key("reason").value(e.reason);
}
void fields(JsonWriter& w, const MalformedMessageDropped& e) {
  w.key("ike_version").value(e.ike_version);
  w.key("from").value(io::to_string(e.from));
  w.key("to").value(io::to_string(e.to));
  w.key("length").value(static_cast<uint64_t>(e.length));
  w.key("reason").value(e.reason);
}

void put_esp_sa(JsonWriter& w, EspDirection d, uint32_t spi, uint32_t local, uint32_t remote,
                const std::string& username) {
  w.key("direction").value(d == EspDirection::Inbound ? "inbound" : "outbound");
  w.key("spi").value(hex(spi, 8));
  w.key("local").value(format_ipv4(local));
  w.key("remote").value(format_ipv4(remote));
  w.key("username").value(username);
}
void fields(JsonWriter& w, const EspSaCreated& e) { put_esp_sa(w, e.direction, e.spi, e.local, e.remote, e.username); }
void fields(JsonWriter& w, const EspSaDeleted& e) { put_esp_sa(w, e.direction, e.spi, e.local, e.remote, e.username); }
void fields(JsonWriter& w, const EspPacketDropped& e) {
  w.key("reason").value(to_string(e.reason));
  w.key("spi").value(hex(e.spi, 8));
  w.key("sequence").value(e.sequence);
  w.key("outer_local").value(format_ipv4(e.outer_local));
  w.key("outer_remote").value(format_ipv4(e.outer_remote));
  w.key("src").value(format_ipv4(e.src));
  w.key("dst").value(format_ipv4(e.dst));
  w.key("protocol").value(static_cast<int>(e.protocol));
  if (e.reason == EspDropReason::SelectorMismatch) {
    w.key("sa_local");
    put_selector(w, e.sa_local);
    w.key("sa_remote");
    put_selector(w, e.sa_remote);
  }
  w.key("suppressed").value(e.suppressed);
}
void fields(JsonWriter& w, const EspSaInstallFailed& e) {
  w.key("ike_version").value(e.ike_version);
  w.key("ike_sa").value(e.ike_sa);
  w.key("spi_in").value(hex(e.spi_in, 8));
  w.key("reason").value(e.reason);
}
void fields(JsonWriter& w, const EspLifetimeExpired& e) {
  w.key("ike_version").value(e.ike_version);
  w.key("ike_sa").value(e.ike_sa);
  w.key("spi_in").value(hex(e.spi_in, 8));
  w.key("hard").value(e.hard);
  w.key("kilobytes").value(e.kilobytes);
}

}  // namespace

std::string format_json(const EmittedEvent& e, JsonSinkOptions options) {
  const EventInfo i = info(e.event);
  std::string out;
  JsonWriter w(out, options.ascii_only);
  w.begin_object();
  w.key("timestamp").value(rfc3339_utc(e.time));
  w.key("sequence").value(e.sequence);
  w.key("id").value(i.name);
  w.key("asa_id");
  if (i.asa_id) {
    w.value(i.asa_id);
  } else {
    w.null();
  }
  w.key("severity").value(to_string(i.severity));
  if (options.include_text) w.key("text").value(format_asa(e.event));
  w.key("fields").begin_object();
  std::visit([&](const auto& ev) { fields(w, ev); }, e.event);
  w.end_object();
  w.end_object();
  return out;
}

void JsonSink::consume(const EmittedEvent& e) {
  out_ << format_json(e, options_) << '\n';
  if (options_.flush_each_line) out_.flush();
}

}  // namespace ikeshift::engine::events
