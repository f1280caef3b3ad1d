// What every dialect writer (ASA, IOS, RTX, strongSwan swanctl.conf) shares:
// its options, its result, and the lines it builds. A writer turns a neutral
// intent into that dialect's configuration through the algorithm registry;
// whatever the target cannot express is a finding with the source span,
// never silently dropped, and the intent fields it could not carry are listed
// (`lossy_fields`, the names model::compare_intents uses).
#pragma once

#include <string>
#include <vector>

#include "common/finding.h"
#include "common/secret.h"
#include "model/intent.h"

namespace ikeshift::translate {

struct WriterOptions {
  bool mask_secrets = false;  // write ***** instead of keys (for people)
  // IOS: crypto maps, or tunnel interfaces with `tunnel protection` (VTI);
  // auto = tunnel interfaces for route-based tunnels whose selectors are any.
  enum class IosStyle { Auto, CryptoMap, TunnelProtection };
  IosStyle ios_style = IosStyle::Auto;
};

struct WriteResult {
  std::string text;
  std::vector<Finding> findings;
  std::vector<std::string> lossy_fields;  // intent fields the target could not carry
};

// Builds the output text line by line; keys go through key() so that masking
// is decided in one place.
class Lines {
 public:
  explicit Lines(bool mask) : mask_(mask) {}
  void add(std::string line) { text_ += line + "\n"; }
  std::string key(const Secret& s) const { return mask_ ? std::string(Secret::masked()) : s.reveal(); }
  std::string take() { return std::move(text_); }
  ~Lines() { wipe_string(text_); }
  Lines(const Lines&) = delete;
  Lines& operator=(const Lines&) = delete;

 private:
  bool mask_;
  std::string text_;
};

// Findings about one tunnel, all naming the intent's file and the tunnel's span.
class WriterFindings {
 public:
  WriterFindings(const model::Intent& in, WriteResult& out) : in_(in), out_(out) {}
  void add(Severity s, std::string code, std::string message, std::string hint, const text::SourceSpan& span,
           const std::string& lossy_field = "");

 private:
  const model::Intent& in_;
  WriteResult& out_;
};

// "tunnel select 1", "crypto map vpn 12", "interface Tunnel0": the tunnel as
// its own dialect names it, for messages.
std::string tunnel_label(const model::Intent& in, const model::Tunnel& t);

// The prefix length when `r` is one CIDR block.
std::optional<int> prefix_of(const model::AddressRange& r);

}  // namespace ikeshift::translate

namespace ikeshift::translate {

// The distinct IKE proposals of all tunnels for one IKE version (same
// algorithms and lifetime = same policy), in first-seen order: ASA and IOS
// policies are global, so a writer writes each once.
std::vector<model::IkeProposal> distinct_ike_proposals(const model::Intent& in, int version);
bool same_ike_proposal(const model::IkeProposal& a, const model::IkeProposal& b);
bool same_esp_proposal(const model::EspProposal& a, const model::EspProposal& b);
// A name usable as an ASA/IOS word: blanks become '-'.
std::string word_name(const std::string& name);

}  // namespace ikeshift::translate
