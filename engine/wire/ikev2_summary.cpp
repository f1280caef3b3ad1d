// Message summaries for logs (see ikev2_summary.h).
#include "wire/ikev2_summary.h"

#include "wire/ikev2_names.h"

namespace ikeshift::wire {

std::string summarize_payloads(const std::vector<Payload>& payloads) {
  std::string s = "[";
  for (const auto& p : payloads) {
    s += ' ';
    s += payload_type_name(payload_type(p));
    if (const auto* n = std::get_if<NotifyPayload>(&p)) s += "(" + notify_type_name(n->type) + ")";
    if (const auto* sk = std::get_if<EncryptedPayload>(&p))
      s += "(first " + payload_type_name(sk->first_inner) + ")";
  }
  return s + " ]";
}

std::string summarize(const Message& m) {
  return exchange_type_name(m.header.exchange) + (m.header.response ? " response " : " request ") +
         std::to_string(m.header.message_id) + " " + summarize_payloads(m.payloads);
}

std::string summarize_proposal(const Proposal& p) {
  std::string s;
  for (const auto& t : p.transforms) {
    if (!s.empty()) s += ' ';
    s += transform_id_name(t.type, t.id);
    if (t.key_length) s += "/" + std::to_string(*t.key_length);
  }
  return s;
}

}  // namespace ikeshift::wire
