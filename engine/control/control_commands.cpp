#include "control/control_commands.h"

#include <sstream>

#include "common/ipv4.h"

namespace ikeshift::engine::control {

namespace {

const char* const kUsage =
    "expected: show ikev2-sa [detail] | show ikev1-sa [detail] | show ipsec-sa | show tunnel-manager | show status | "
    "clear ikev2-sa [TUNNEL-ID|PEER-IP] | clear ikev1-sa [ID|PEER-IP] | rekey child SPI | initiate MAP SEQ [ACL-ENTRY]";

std::string refuse(const std::string& why) { return "ERROR: " + why + "\n"; }

std::string hex_spi(uint32_t spi) {
  std::ostringstream s;
  s << "0x" << std::hex << spi;
  return s.str();
}

std::string describe(const ShowIkeSa& sa) {
  return "IKEv2 SA tunnel-id " + std::to_string(sa.tunnel_id) + " (" + io::to_string(sa.local) + " - " +
         io::to_string(sa.remote) + ")";
}

std::optional<uint32_t> parse_tunnel_id(const std::string& text) {
  if (text.empty() || text.size() > 10 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  uint64_t v = std::stoull(text);
  if (v == 0 || v > UINT32_MAX) return std::nullopt;
  return static_cast<uint32_t>(v);
}

std::string clear_ikev2_sa(const std::vector<std::string>& words, ControlTarget& target) {
  std::vector<ShowIkeSa> sas = target.snapshot();
  std::vector<const ShowIkeSa*> chosen;
  if (words.size() == 2) {
    for (const ShowIkeSa& sa : sas) chosen.push_back(&sa);
    if (chosen.empty()) return "There are no IKEv2 SAs\n";
  } else {
    const std::string& which = words[2];
    if (std::optional<uint32_t> id = parse_tunnel_id(which)) {
      for (const ShowIkeSa& sa : sas)
        if (sa.tunnel_id == *id) chosen.push_back(&sa);
      if (chosen.empty()) return refuse("no IKEv2 SA with tunnel-id " + which + " (see `show ikev2-sa`)");
    } else if (std::optional<uint32_t> peer = parse_ipv4(which)) {
      for (const ShowIkeSa& sa : sas)
        if (sa.remote.address == *peer) chosen.push_back(&sa);
      if (chosen.empty()) return refuse("no IKEv2 SA with peer " + which + " (see `show ikev2-sa`)");
    } else {
      return refuse("clear ikev2-sa '" + which + "': expected a tunnel-id (e.g. 1) or a peer address (e.g. 192.0.2.2)");
    }
  }
  std::string out;
  for (const ShowIkeSa* sa : chosen) {
    if (target.terminate(sa->tunnel_id, kClearReason)) {
      out += "Clearing " + describe(*sa) + "\n";
    } else {
      out += "Not cleared (already gone): " + describe(*sa) + "\n";
    }
  }
  return out;
}

std::string clear_ikev1_sa(const std::vector<std::string>& words, ControlTarget& target) {
  std::vector<ShowIkev1Sa> sas = target.ikev1_snapshot();
  std::vector<const ShowIkev1Sa*> chosen;
  if (words.size() == 2) {
    for (const ShowIkev1Sa& sa : sas) chosen.push_back(&sa);
    if (chosen.empty()) return "There are no IKEv1 SAs\n";
  } else {
    const std::string& which = words[2];
    if (std::optional<uint32_t> id = parse_tunnel_id(which)) {
      for (const ShowIkev1Sa& sa : sas)
        if (sa.id == *id) chosen.push_back(&sa);
      if (chosen.empty()) return refuse("no IKEv1 SA " + which + " (see `show ikev1-sa`)");
    } else if (std::optional<uint32_t> peer = parse_ipv4(which)) {
      for (const ShowIkev1Sa& sa : sas)
        if (sa.peer_address == *peer) chosen.push_back(&sa);
      if (chosen.empty()) return refuse("no IKEv1 SA with peer " + which + " (see `show ikev1-sa`)");
    } else {
      return refuse("clear ikev1-sa '" + which + "': expected an SA number (e.g. 1) or a peer address (e.g. 192.0.2.2)");
    }
  }
  std::string out;
  for (const ShowIkev1Sa* sa : chosen) {
    const std::string what = "IKEv1 SA " + std::to_string(sa->id) + " (peer " + format_ipv4(sa->peer_address) + ")";
    out += target.terminate_ikev1(sa->id, kClearReason) ? "Clearing " + what + "\n" : "Not cleared (already gone): " + what + "\n";
  }
  return out;
}

std::string initiate(const std::vector<std::string>& words, ControlTarget& target) {
  std::optional<uint32_t> seq = words.size() >= 3 ? parse_tunnel_id(words[2]) : std::nullopt;
  std::optional<uint32_t> selector = words.size() == 4 ? parse_tunnel_id(words[3]) : std::optional<uint32_t>(1);
  if (!seq || (words.size() == 4 && !selector))
    return refuse("initiate: expected MAP SEQ [ACL-ENTRY] with numbers, e.g. initiate vpn 12 (ACL entries count from 1)");
  return target.initiate(words[1], *seq, *selector - 1);
}

std::string rekey_child(const std::string& spi_text, ControlTarget& target) {
  std::optional<uint32_t> spi = parse_spi(spi_text);
  if (!spi) return refuse("rekey child '" + spi_text + "': expected the inbound SPI in hex, e.g. 0xc8f01a8e");
  for (const ShowIkeSa& sa : target.snapshot()) {
    for (const ShowChildSa& c : sa.children) {
      if (c.spi_in != *spi) continue;
      if (!target.rekey_child(sa.tunnel_id, *spi)) return refuse("the engine refused to rekey CHILD SA " + hex_spi(*spi));
      return "Rekeying CHILD SA spi in/out " + hex_spi(c.spi_in) + "/" + hex_spi(c.spi_out) + " of " + describe(sa) +
             "\n";
    }
  }
  for (const ShowIkeSa& sa : target.ikev1_ipsec_snapshot()) {
    for (const ShowChildSa& c : sa.children) {
      if (c.spi_in != *spi) continue;
      if (!target.rekey_ikev1_child(sa.tunnel_id, *spi))
        return refuse("the engine refused to rekey IPsec SA " + hex_spi(*spi));
      return "Rekeying IPsec SA spi in/out " + hex_spi(c.spi_in) + "/" + hex_spi(c.spi_out) + " of IKEv1 SA " +
             std::to_string(sa.tunnel_id) + " (" + io::to_string(sa.local) + " - " + io::to_string(sa.remote) + ")\n";
    }
  }
  return refuse("no CHILD SA with inbound SPI " + hex_spi(*spi) +
                " (see `show ikev2-sa detail`, ESP spi in, or `show ipsec-sa`, current inbound spi)");
}

}  // namespace

std::optional<uint32_t> parse_spi(const std::string& text) {
  std::string digits = text;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) digits = digits.substr(2);
  if (digits.empty() || digits.size() > 8 || digits.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    return std::nullopt;
  return static_cast<uint32_t>(std::stoul(digits, nullptr, 16));
}

std::string answer_command(const std::string& command, ControlTarget& target) {
  std::istringstream in(command);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  if (words.size() >= 2 && words[0] == "show" && words[1] == "ikev2-sa") {
    if (words.size() == 2) return format_ikev2_sa(target.snapshot(), false);
    if (words.size() == 3 && words[2] == "detail") return format_ikev2_sa(target.snapshot(), true);
  }
  if (words.size() >= 2 && words[0] == "show" && words[1] == "ikev1-sa") {
    if (words.size() == 2) return format_ikev1_sa(target.ikev1_snapshot(), false);
    if (words.size() == 3 && words[2] == "detail") return format_ikev1_sa(target.ikev1_snapshot(), true);
  }
  if (words.size() == 2 && words[0] == "show" && words[1] == "ipsec-sa") {
    std::vector<ShowIkeSa> all = target.snapshot();
    for (ShowIkeSa& sa : target.ikev1_ipsec_snapshot()) all.push_back(std::move(sa));
    return format_ipsec_sa(all);
  }
  if (words.size() == 2 && words[0] == "show" && words[1] == "tunnel-manager") return target.tunnel_manager();
  if (words.size() == 2 && words[0] == "show" && words[1] == "status") return target.status();
  if ((words.size() == 2 || words.size() == 3) && words[0] == "clear" && words[1] == "ikev1-sa")
    return clear_ikev1_sa(words, target);
  if ((words.size() == 3 || words.size() == 4) && words[0] == "initiate") return initiate(words, target);
  if ((words.size() == 2 || words.size() == 3) && words[0] == "clear" && words[1] == "ikev2-sa")
    return clear_ikev2_sa(words, target);
  if (words.size() == 3 && words[0] == "rekey" && words[1] == "child") return rekey_child(words[2], target);
  return refuse("unknown command '" + command + "' (" + kUsage + ")");
}

}  // namespace ikeshift::engine::control
