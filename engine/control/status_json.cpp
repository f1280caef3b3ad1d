#include "control/status_json.h"

#include <cinttypes>
#include <cstdio>

#include "common/ipv4.h"
#include "events/json_writer.h"

namespace ikeshift::engine::control {

namespace {

using events::JsonWriter;

std::string hex(uint64_t v, int digits) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%0*" PRIx64, digits, v);
  return buf;
}

// Neutral registry ids joined by '/', e.g. "aes-cbc-256/hmac-sha2-256-128/prf-hmac-sha2-256/modp2048".
std::string algorithms(const ShowAlgorithms& a) {
  std::string out;
  for (const model::Algorithm* alg : {a.encryption, a.integrity, a.prf, a.dh_group}) {
    if (alg == nullptr) continue;
    out += (out.empty() ? "" : "/") + std::string(alg->id);
  }
  return out;
}

std::string selector(const model::TrafficSelector& ts) {
  return format_ipv4(ts.addresses.first) + "-" + format_ipv4(ts.addresses.last) + "/" +
         std::to_string(ts.protocol) + "/" + std::to_string(ts.port_first) + "-" + std::to_string(ts.port_last);
}

const char* status_word(ShowStatus s) {
  switch (s) {
    case ShowStatus::Ready: return "up";
    case ShowStatus::Negotiating: return "negotiating";
    case ShowStatus::Failed: return "failed";
  }
  return "?";
}

void put_sa(JsonWriter& w, int version, const ShowIkeSa& sa) {
  w.begin_object();
  w.key("ike_version").value(version).key("id").value(sa.tunnel_id);
  w.key("map").value(sa.map).key("sequence").value(sa.sequence);
  w.key("status").value(status_word(sa.status)).key("initiator").value(sa.initiator);
  w.key("local").value(io::to_string(sa.local)).key("remote").value(io::to_string(sa.remote));
  w.key("algorithms").value(algorithms(sa.algorithms));
  w.key("local_spi").value(hex(sa.local_spi, 16)).key("remote_spi").value(hex(sa.remote_spi, 16));
  w.key("local_id").value(sa.local_id).key("remote_id").value(sa.remote_id);
  w.key("nat_detected").value(sa.nat_detected).key("failure").value(sa.failure);
  w.key("children").begin_array();
  for (const ShowChildSa& c : sa.children) {
    w.begin_object();
    w.key("spi_in").value(hex(c.spi_in, 8)).key("spi_out").value(hex(c.spi_out, 8));
    w.key("local").value(selector(c.local)).key("remote").value(selector(c.remote));
    w.key("algorithms").value(algorithms(c.algorithms)).key("pfs").value(c.pfs);
    w.key("active_seconds").value(c.active_seconds);
    if (c.traffic) {
      w.key("packets_out").value(c.traffic->encaps).key("packets_in").value(c.traffic->decaps);
      w.key("bytes_out").value(c.traffic->bytes_out).key("bytes_in").value(c.traffic->bytes_in);
      w.key("udp_encapsulation").value(c.traffic->udp_encapsulation);
      const uint64_t drops = c.traffic->replay_failures + c.traffic->integrity_failures +
                             c.traffic->padding_failures + c.traffic->selector_failures;
      w.key("receive_errors").value(drops).key("send_errors").value(c.traffic->send_errors);
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::string format_status_json(const std::vector<manager::TunnelManager::EntryStatus>& entries,
                               const std::vector<ShowIkeSa>& ikev2, const std::vector<ShowIkeSa>& ikev1_ipsec) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("entries").begin_array();
  for (const auto& e : entries) {
    w.begin_object();
    w.key("map").value(e.entry.map).key("sequence").value(e.entry.sequence);
    w.key("ikev2_possible").value(e.entry.ikev2.has_value()).key("ikev1_possible").value(e.entry.ikev1.has_value());
    w.key("why_not_ikev2").value(e.entry.why_not_ikev2).key("why_not_ikev1").value(e.entry.why_not_ikev1);
    w.key("in_progress").value(e.in_progress).key("trying_version").value(e.trying_version);
    w.key("up_version").value(e.up_version).key("last_result").value(e.last_result);
    w.key("attempts").begin_array();
    for (const auto& a : e.attempts) {
      w.begin_object().key("ike_version").value(a.ike_version).key("established").value(a.established);
      w.key("failure").value(manager::to_string(a.failure)).key("detail").value(a.detail).end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("ike_sas").begin_array();
  for (const ShowIkeSa& sa : ikev2) put_sa(w, 2, sa);
  for (const ShowIkeSa& sa : ikev1_ipsec) put_sa(w, 1, sa);
  w.end_array();
  w.end_object();
  return out + "\n";
}

}  // namespace ikeshift::engine::control
