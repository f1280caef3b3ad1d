#include "control/show_format.h"

#include <cctype>
#include <cinttypes>
#include <cstdio>

#include "common/ipv4.h"

// Reference outputs the layout follows (spacing, capitalisation, number forms):
//  - seed 004 (ASA 8.4, 3DES/SHA/group 5): the whole `show crypto ikev2 sa
//    detail` block and the first lines of `show crypto ipsec sa`;
//  - real ASA outputs of `show crypto ikev2 sa`: "Encr: AES-CBC, keysize: 256,
//    Hash: SHA96, DH Grp:14, Auth sign: PSK, Auth verify: PSK" (ASA facing a
//    FortiGate), "Encr: AES-GCM, keysize: 256, Hash: N/A, DH Grp:14" (ASA 5506
//    facing Google Cloud), "Hash: SHA512, DH Grp:19" (the ASA parser of Cisco's
//    pyATS/genie), and "ESP spi in/out: 0xdd3fc4c/0x24c2ab68" (SPIs in lower
//    case, not zero-padded);
//  - real ASA `show crypto ipsec sa` outputs for the counters, the endpoints
//    and the inbound/outbound SA blocks.
// Not verified against a device, kept close to those: "NAT-T is detected
// outside" (IOS wording), the status of an SA that is still negotiating or
// has failed (the ASA removes a failed SA; the engine keeps it so `show` can
// say why), ranges that are not a prefix, and the ESP transform words of
// AES-GCM.

namespace ikeshift::engine::control {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The first spelling of a registry name ("esp-aes|esp-aes 128" -> "esp-aes").
std::string_view first_name(const model::Algorithm& a, model::Dialect d) {
  std::string_view n = model::algorithm_name(a, d);
  return n.substr(0, n.find('|'));
}

std::string hex_upper(uint64_t v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*" PRIX64, width, v);
  return buf;
}

std::string hex_lower(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%" PRIx32, v);
  return buf;
}

std::string endpoint(const io::Endpoint& e) { return format_ipv4(e.address) + "/" + std::to_string(e.port); }

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

// The prefix length when the range is exactly one prefix.
int prefix_of(const model::AddressRange& r) {
  for (int len = 0; len <= 32; ++len) {
    uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
    if ((r.first & ~mask) == 0 && r.last == (r.first | ~mask)) return len;
  }
  return -1;
}

uint32_t mask_of(int len) { return len == 0 ? 0 : ~uint32_t{0} << (32 - len); }

// An ACE address operand as `show access-list` expands it.
std::string ace_address(const model::AddressRange& r) {
  int len = prefix_of(r);
  if (len == 32) return "host " + format_ipv4(r.first);
  if (len == 0) return "any4";
  if (len > 0) return format_ipv4(r.first) + " " + format_ipv4(mask_of(len));
  return "range " + format_ipv4(r.first) + " " + format_ipv4(r.last);  // unverified form
}

std::string ace_protocol(uint8_t p) {
  switch (p) {
    case 0: return "ip";
    case 1: return "icmp";
    case 6: return "tcp";
    case 17: return "udp";
    default: return std::to_string(p);
  }
}

std::string ace_ports(const model::TrafficSelector& ts) {
  if (ts.port_first == 0 && ts.port_last == 65535) return "";
  if (ts.port_first == ts.port_last) return " eq " + std::to_string(ts.port_first);
  return " range " + std::to_string(ts.port_first) + " " + std::to_string(ts.port_last);
}

// "(10.10.10.0/255.255.255.0/0/0)": address/mask/protocol/port, port 0 when
// the selector covers a range of ports.
std::string ident(const model::TrafficSelector& ts) {
  int len = prefix_of(ts.addresses);
  std::string where = len >= 0 ? format_ipv4(ts.addresses.first) + "/" + format_ipv4(mask_of(len))
                               : format_ipv4(ts.addresses.first) + "-" + format_ipv4(ts.addresses.last);
  uint16_t port = ts.port_first == ts.port_last ? ts.port_first : 0;
  return "(" + where + "/" + std::to_string(ts.protocol) + "/" + std::to_string(port) + ")";
}

const char* table_status(ShowStatus s) {
  switch (s) {
    case ShowStatus::Ready: return "READY";
    case ShowStatus::Negotiating: return "IN-NEG";
    case ShowStatus::Failed: return "DELETE";
  }
  return "?";
}

const char* session_status(ShowStatus s) {
  switch (s) {
    case ShowStatus::Ready: return "UP-ACTIVE";
    case ShowStatus::Negotiating: return "UP-IDLE";
    case ShowStatus::Failed: return "DOWN";
  }
  return "?";
}

void append_sa(std::string& out, const ShowIkeSa& sa, bool detail) {
  // Column layout of the ASA table (seed 004): Tunnel-id right-aligned in 9,
  // Local in 52, Remote in 56, Status in 9, then the role.
  char id[16];
  std::snprintf(id, sizeof id, "%9" PRIu32, sa.tunnel_id);
  out += std::string(id) + " " + pad(endpoint(sa.local), 52) + pad(endpoint(sa.remote), 56) +
         pad(table_status(sa.status), 9) + (sa.initiator ? "INITIATOR" : "RESPONDER") + "\n";
  const std::string in = "      ";
  out += in + asa_ike_algorithms(sa.algorithms) + ", Auth sign: PSK, Auth verify: PSK\n";
  out += in + "Life/Active Time: " + std::to_string(sa.lifetime_seconds) + "/" + std::to_string(sa.active_seconds) +
         " sec\n";
  if (detail) {
    std::string description = sa.status == ShowStatus::Ready         ? "Negotiation done"
                              : sa.status == ShowStatus::Negotiating ? "Negotiation in progress"
                                                                     : "Negotiation failed: " + sa.failure;
    out += in + "Status Description: " + description + "\n";
    out += in + "Local spi: " + hex_upper(sa.local_spi, 16) + "       Remote spi: " + hex_upper(sa.remote_spi, 16) +
           "\n";
    out += in + "Local id: " + sa.local_id + "\n";
    out += in + "Remote id: " + sa.remote_id + "\n";
    if (sa.dpd_enabled) {
      out += in + "DPD configured for " + std::to_string(sa.dpd_threshold_seconds) + " seconds, retry " +
             std::to_string(sa.dpd_retry_seconds) + "\n";
    } else {
      out += in + "DPD configured for 0 seconds, retry 0\n";
    }
    out += in + (sa.nat_detected ? "NAT-T is detected outside\n" : "NAT-T is not detected\n");
  }
  for (const ShowChildSa& c : sa.children) {
    out += "Child sa: local selector  " + asa_selector(c.local) + "\n";
    out += "          remote selector " + asa_selector(c.remote) + "\n";
    out += "          ESP spi in/out: " + hex_lower(c.spi_in) + "/" + hex_lower(c.spi_out) + "\n";
  }
}

std::string counters(const ShowChildSa& c) {
  // The data plane's counts (zero without --data-plane: nothing goes through
  // the CHILD SAs then). No compression, no pre-fragmentation, no PMTU
  // messages: those stay 0. "#recv errors" sums the inbound failures; the
  // line after it splits them by reason (an ikeshift addition, after IOS's
  // "#pkts replay failed").
  const ShowEspTraffic t = c.traffic.value_or(ShowEspTraffic{});
  auto n = [](uint64_t v) { return std::to_string(v); };
  const uint64_t recv_errors = t.replay_failures + t.integrity_failures + t.padding_failures + t.selector_failures;
  std::string out = "      #pkts encaps: " + n(t.encaps) + ", #pkts encrypt: " + n(t.encrypt) +
                    ", #pkts digest: " + n(t.digest) + "\n";
  out += "      #pkts decaps: " + n(t.decaps) + ", #pkts decrypt: " + n(t.decrypt) + ", #pkts verify: " +
         n(t.verify) + "\n";
  out += "      #pkts compressed: 0, #pkts decompressed: 0\n";
  out += "      #pkts not compressed: " + n(t.encaps) + ", #pkts comp failed: 0, #pkts decomp failed: 0\n";
  out += "      #pre-frag successes: 0, #pre-frag failures: 0, #fragments created: 0\n";
  out += "      #PMTUs sent: 0, #PMTUs rcvd: 0, #decapsulated frgs needing reassembly: 0\n";
  out += "      #TFC rcvd: " + n(t.tfc_received) + ", #TFC sent: 0\n";
  out += "      #Valid ICMP Errors rcvd: 0, #Invalid ICMP Errors rcvd: 0\n";
  out += "      #send errors: " + n(t.send_errors) + ", #recv errors: " + n(recv_errors) + "\n";
  if (c.traffic) {
    out += "      #pkts replay failed: " + n(t.replay_failures) + ", #pkts verify failed: " + n(t.integrity_failures) +
           ", #pkts padding failed: " + n(t.padding_failures) + ", #pkts policy failed: " + n(t.selector_failures) +
           "\n";
    out += "      #bytes encaps: " + n(t.bytes_out) + ", #bytes decaps: " + n(t.bytes_in) + "\n";
  }
  return out;
}

void append_esp_sa(std::string& out, const ShowIkeSa& sa, const ShowChildSa& c, uint32_t spi, bool inbound) {
  out += "      spi: 0x" + hex_upper(spi, 8) + " (" + std::to_string(spi) + ")\n";
  out += "         SA State: active\n";
  out += "         transform: " + asa_esp_transform(c.algorithms) + " no compression\n";
  const bool udp = c.traffic ? c.traffic->udp_encapsulation : sa.nat_detected;
  out += "         in use settings ={L2L, Tunnel, " + std::string(udp ? "NAT-T-Encaps, " : "") +
         std::string(c.pfs ? "PFS Group " : "") +
         (c.pfs && c.algorithms.dh_group ? std::to_string(c.algorithms.dh_group->iana_id) + ", " : "") + "IKEv" +
         std::to_string(sa.ike_version) + ", }\n";
  out += "         crypto-map: " + sa.map + "\n";
  uint64_t remaining = c.lifetime_seconds > c.active_seconds ? c.lifetime_seconds - c.active_seconds : 0;
  uint64_t kilobytes = c.lifetime_kilobytes;
  if (c.traffic) kilobytes = inbound ? c.traffic->remaining_kilobytes_in : c.traffic->remaining_kilobytes_out;
  out += "         sa timing: remaining key lifetime (kB/sec): (" + std::to_string(kilobytes) + "/" +
         std::to_string(remaining) + ")\n";
  if (c.traffic) {
    out += "         IV size: " + std::to_string(c.traffic->iv_size) + " bytes\n";
    out += "         replay detection support: Y\n";
    if (inbound) {
      char bitmap[64];
      std::snprintf(bitmap, sizeof bitmap, "          0x%08X 0x%08X\n",
                    static_cast<unsigned>(c.traffic->replay_bitmap >> 32),
                    static_cast<unsigned>(c.traffic->replay_bitmap & 0xffffffffu));
      out += "         Anti replay bitmap:\n";
      out += bitmap;
    }
  }
}

}  // namespace

std::string asa_ike_algorithms(const ShowAlgorithms& a) {
  std::string out = "Encr: ";
  if (!a.encryption) {
    out += "N/A";
  } else if (a.encryption->key_bits != 0) {
    // "aes-cbc-256" -> "AES-CBC, keysize: 256"; "aes-gcm-128" -> "AES-GCM, keysize: 128".
    std::string_view id = a.encryption->id;
    out += upper(id.substr(0, id.rfind('-'))) + ", keysize: " + std::to_string(a.encryption->key_bits);
  } else {
    out += upper(first_name(*a.encryption, model::Dialect::AsaIkev2Policy));  // "3DES", "DES"
  }
  out += ", Hash: ";
  if (!a.integrity || a.integrity->iana_id == 0) {
    out += "N/A";  // AEAD
  } else {
    // The ASA names the integrity by its hash and, when truncated to 96 bits,
    // appends 96: sha -> SHA96, md5 -> MD596, sha256 -> SHA256.
    out += upper(first_name(*a.integrity, model::Dialect::AsaIkev2Policy));
    if (a.integrity->icv_or_output_bytes == 12) out += "96";
  }
  out += ", DH Grp:" + (a.dh_group ? std::to_string(a.dh_group->iana_id) : std::string("0"));
  return out;
}

std::string asa_selector(const model::TrafficSelector& ts) {
  return format_ipv4(ts.addresses.first) + "/" + std::to_string(ts.port_first) + " - " +
         format_ipv4(ts.addresses.last) + "/" + std::to_string(ts.port_last);
}

std::string asa_esp_transform(const ShowAlgorithms& a) {
  // The ASA prints the IKEv1 transform-set words for IKEv2 CHILD SAs too
  // ("esp-aes-256 esp-sha-hmac"); the registry has no such word for AES-GCM,
  // so "esp-" + the ipsec-proposal word is used there (unverified).
  auto word = [](const model::Algorithm& alg) {
    std::string_view w = first_name(alg, model::Dialect::AsaIkev1Transform);
    if (!w.empty()) return std::string(w);
    return "esp-" + std::string(first_name(alg, model::Dialect::AsaIkev2Proposal));
  };
  std::string out = a.encryption ? word(*a.encryption) : "esp-null";
  if (a.integrity && a.integrity->iana_id != 0) out += " " + word(*a.integrity);
  return out;
}

std::string format_ikev2_sa(const std::vector<ShowIkeSa>& sas, bool detail) {
  if (sas.empty()) return "There are no IKEv2 SAs\n";
  std::string out = "IKEv2 SAs:\n";
  for (const ShowIkeSa& sa : sas) {
    out += "\nSession-id:" + std::to_string(sa.session_id) + ", Status:" + session_status(sa.status) +
           ", IKE count:1, CHILD count:" + std::to_string(sa.children.size()) + "\n\n";
    out += "Tunnel-id " + pad("Local", 52) + pad("Remote", 56) + pad("Status", 15) + "Role\n";
    append_sa(out, sa, detail);
  }
  return out;
}

std::string format_ikev1_sa(const std::vector<ShowIkev1Sa>& sas, bool detail) {
  if (sas.empty()) return "There are no IKEv1 SAs\n";
  size_t active = 0, rekey = 0;
  for (const ShowIkev1Sa& sa : sas) {
    if (sa.rekey) {
      ++rekey;
    } else if (sa.active) {
      ++active;
    }
  }
  // Layout of ASA 8.4+ (seed 004; the spacing of real `show crypto ikev1 sa
  // [detail]` outputs): two fields per line, the second at column 30.
  std::string out = "IKEv1 SAs:\n\n";
  out += "   Active SA: " + std::to_string(active) + "\n";
  out += "    Rekey SA: " + std::to_string(rekey) + " (A tunnel will report 1 Active and 1 Rekey SA during rekey)\n";
  out += "Total IKE SA: " + std::to_string(sas.size()) + "\n\n";
  auto two = [](const std::string& left, const std::string& right) { return "    " + pad(left, 26) + right + "\n"; };
  size_t n = 0;
  for (const ShowIkev1Sa& sa : sas) {
    out += pad(std::to_string(++n), 4) + "IKE Peer: " + format_ipv4(sa.peer_address) + "\n";
    out += two("Type    : L2L", std::string("Role    : ") + (sa.initiator ? "initiator" : "responder"));
    out += two(std::string("Rekey   : ") + (sa.rekey ? "yes" : "no"), "State   : " + sa.state);
    if (detail) {
      auto word = [](const model::Algorithm* a, model::Dialect d) {
        return a == nullptr ? std::string("N/A") : std::string(first_name(*a, d));
      };
      // The ASA prints the policy's words: "3des", "aes-256"; "SHA", "MD5".
      out += two("Encrypt : " + word(sa.encryption, model::Dialect::AsaIkev1Policy),
                 "Hash    : " + upper(word(sa.hash, model::Dialect::AsaIkev1Policy)));
      out += two("Auth    : preshared", "Lifetime: " + std::to_string(sa.lifetime_seconds));
      out += "    Lifetime Remaining: " + std::to_string(sa.remaining_seconds) + "\n";
      if (!sa.failure.empty()) out += "    Negotiation failed: " + sa.failure + "\n";
    }
    out += "\n";
  }
  return out;
}

std::string format_ipsec_sa(const std::vector<ShowIkeSa>& sas) {
  std::string out;
  std::string interface;
  bool first = true;
  for (const ShowIkeSa& sa : sas) {
    for (const ShowChildSa& c : sa.children) {
      std::string name = sa.interface_name.empty() ? "unknown" : sa.interface_name;
      if (first || name != interface) out += "interface: " + name + "\n";
      first = false;
      interface = name;
      out += "    Crypto map tag: " + sa.map + ", seq num: " + std::to_string(sa.sequence) +
             ", local addr: " + format_ipv4(sa.local.address) + "\n\n";
      out += "      access-list " + sa.acl + " extended permit " + ace_protocol(c.local.protocol) + " " +
             ace_address(c.local.addresses) + ace_ports(c.local) + " " + ace_address(c.remote.addresses) +
             ace_ports(c.remote) + "\n";
      out += "      local ident (addr/mask/prot/port): " + ident(c.local) + "\n";
      out += "      remote ident (addr/mask/prot/port): " + ident(c.remote) + "\n";
      out += "      current_peer: " + format_ipv4(sa.remote.address) + "\n\n";
      out += counters(c) + "\n";
      out += "      local crypto endpt.: " + endpoint(sa.local) + ", remote crypto endpt.: " + endpoint(sa.remote) +
             "\n\n";
      out += "      current outbound spi: " + hex_upper(c.spi_out, 8) + "\n";
      out += "      current inbound spi : " + hex_upper(c.spi_in, 8) + "\n\n";
      out += "    inbound esp sas:\n";
      append_esp_sa(out, sa, c, c.spi_in, true);
      out += "    outbound esp sas:\n";
      append_esp_sa(out, sa, c, c.spi_out, false);
      out += "\n";
    }
  }
  if (out.empty()) return "There are no ipsec sas\n";
  return out;
}

}  // namespace ikeshift::engine::control
