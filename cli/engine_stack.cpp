#include "cli/engine_stack.h"

#include <iostream>
#include <set>

#include "common/ipv4.h"
#include "translate/writer.h"

namespace ikeshift::cli {

namespace manager = engine::manager;

void describe_plan(const manager::StackPlan& plan, const model::Intent& intent, bool show_secrets, std::ostream& out) {
  for (const std::string& note : plan.notes) out << "ikeshift engine: " << note << "\n";
  for (const manager::ManagedEntry& e : plan.entries) {
    const model::Tunnel* t = intent.tunnel(e.map, e.sequence);
    if (t == nullptr) continue;
    std::string versions;
    if (e.ikev2) versions += "IKEv2";
    if (e.ikev1) versions += std::string(versions.empty() ? "" : " and ") + (t->ikev1_aggressive_mode ? "IKEv1 (Aggressive Mode)" : "IKEv1");
    std::string keys = "keys ***** (--show-secrets prints them)";
    if (show_secrets) {
      keys.clear();
      if (e.ikev2) keys += "IKEv2 local key " + t->psk.ikev2_local->reveal() + ", remote key " + t->psk.ikev2_remote->reveal();
      if (e.ikev1) keys += std::string(keys.empty() ? "" : ", ") + "IKEv1 key " + t->psk.ikev1->reveal();
    }
    // The tunnel as its dialect names it; non-ASA names also get the MAP:SEQ that --initiate takes.
    const std::string label = translate::tunnel_label(intent, *t);
    const std::string asa_label = "crypto map " + e.map + " " + std::to_string(e.sequence);
    out << "ikeshift engine: " << label
        << (label == asa_label ? "" : " (--initiate " + e.map + ":" + std::to_string(e.sequence) + ")") << ": "
        << format_ipv4(*t->local_address)
        << " <-> " << format_ipv4(t->peers.front()) << ", tunnel-group " << t->tunnel_group << ", " << versions
        << ", " << keys << "\n";
  }
  if (plan.uses_des())
    out << "ikeshift engine: warning: an IKEv1 policy or transform-set uses single DES (56-bit, broken); it runs "
           "through OpenSSL's legacy provider\n";
}

bool initiate_list(const std::vector<manager::ManagedEntry>& entries, const std::vector<std::string>& specs,
                   std::vector<size_t>& out, std::string& error) {
  std::set<size_t> chosen;
  for (const std::string& spec : specs) {
    if (spec == "all") {
      for (size_t i = 0; i < entries.size(); ++i) chosen.insert(i);
      continue;
    }
    const size_t colon = spec.rfind(':');
    bool found = false;
    if (colon != std::string::npos && colon > 0) {
      const std::string map = spec.substr(0, colon), seq = spec.substr(colon + 1);
      for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].map == map && std::to_string(entries[i].sequence) == seq) {
          chosen.insert(i);
          found = true;
        }
      }
    }
    if (!found) {
      error = "--initiate '" + spec + "': no crypto map entry MAP:SEQ of that name that can run IKEv1 or IKEv2 " +
              "(e.g. vpn:12), or 'all'";
      return false;
    }
  }
  out.assign(chosen.begin(), chosen.end());
  return true;
}

void Ikev1KeyLogSink::isakmp_keys(const engine::ikev1::IsakmpSaKeys& keys) {
  if (!file_.append(engine::ikev1::ikev1_keylog_line(keys)))
    std::cerr << "ikeshift engine: error: " << path_ << ": cannot append to the IKEv1 key log\n";
}

}  // namespace ikeshift::cli
