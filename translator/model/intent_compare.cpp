#include "model/intent_compare.h"

#include "common/ipv4.h"

namespace ikeshift::model {

namespace {

std::string algos(const std::vector<const Algorithm*>& v) {
  std::string s;
  for (const Algorithm* a : v) s += (s.empty() ? "" : ",") + std::string(a == nullptr ? "?" : a->id);
  return s.empty() ? "-" : s;
}

std::string range(const AddressRange& r) { return format_ipv4(r.first) + "-" + format_ipv4(r.last); }

std::string selector(const TrafficSelector& t) {
  return range(t.addresses) + "/" + std::to_string(t.protocol) + "/" + std::to_string(t.port_first) + "-" +
         std::to_string(t.port_last);
}

std::string identity(const IkeIdentity& i) { return std::string(identity_type_name(i.type)) + ":" + i.value; }

class Comparer {
 public:
  explicit Comparer(std::vector<IntentDifference>& out) : out_(out) {}

  template <class T>
  void field(const std::string& name, const T& a, const T& b) {
    if (!(a == b)) add(name, to_text(a), to_text(b));
  }
  void text(const std::string& name, const std::string& a, const std::string& b) {
    if (a != b) add(name, a, b);
  }
  void add(const std::string& name, std::string a, std::string b) { out_.push_back({tunnel_, name, std::move(a), std::move(b)}); }
  void set_tunnel(std::string t) { tunnel_ = std::move(t); }

 private:
  static std::string to_text(bool v) { return v ? "true" : "false"; }
  template <class N>
  static std::string to_text(const N& v) { return std::to_string(v); }
  std::vector<IntentDifference>& out_;
  std::string tunnel_;
};

void compare_key(Comparer& c, const char* name, const std::optional<Secret>& a, const std::optional<Secret>& b) {
  if (a.has_value() != b.has_value()) {
    c.add(name, a ? "<key>" : "none", b ? "<key>" : "none");
  } else if (a && !a->equals(*b)) {
    c.add(name, "<key 1>", "<key 2>");  // never the key itself
  }
}

void compare_ike(Comparer& c, const std::string& name, const std::vector<IkeProposal>& a, const std::vector<IkeProposal>& b) {
  if (a.size() != b.size()) {
    c.add(name + ".size", std::to_string(a.size()), std::to_string(b.size()));
    return;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string p = name + "[" + std::to_string(i) + "]";
    c.text(p + ".encryption", algos(a[i].encryption), algos(b[i].encryption));
    c.text(p + ".integrity", algos(a[i].integrity), algos(b[i].integrity));
    c.text(p + ".prf", algos(a[i].prf), algos(b[i].prf));
    c.text(p + ".dh_groups", algos(a[i].dh_groups), algos(b[i].dh_groups));
    c.field(p + ".lifetime_seconds", a[i].lifetime_seconds, b[i].lifetime_seconds);
  }
}

void compare_esp(Comparer& c, const std::string& name, const std::vector<EspProposal>& a, const std::vector<EspProposal>& b) {
  if (a.size() != b.size()) {
    c.add(name + ".size", std::to_string(a.size()), std::to_string(b.size()));
    return;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string p = name + "[" + std::to_string(i) + "]";
    c.text(p + ".encryption", algos(a[i].encryption), algos(b[i].encryption));
    c.text(p + ".integrity", algos(a[i].integrity), algos(b[i].integrity));
    c.text(p + ".mode", a[i].mode, b[i].mode);
  }
}

}  // namespace

std::vector<IntentDifference> compare_intents(const Intent& a, const Intent& b) {
  std::vector<IntentDifference> out;
  Comparer c(out);
  c.field("tunnels.size", a.tunnels.size(), b.tunnels.size());
  for (size_t i = 0; i < a.tunnels.size() && i < b.tunnels.size(); ++i) {
    const Tunnel& x = a.tunnels[i];
    const Tunnel& y = b.tunnels[i];
    c.set_tunnel("tunnel " + std::to_string(i + 1) + (x.peers.empty() ? "" : " (to " + format_ipv4(x.peers[0]) + ")"));
    c.field("local_address", x.local_address.value_or(0), y.local_address.value_or(0));
    std::string px, py;
    for (uint32_t p : x.peers) px += format_ipv4(p) + " ";
    for (uint32_t p : y.peers) py += format_ipv4(p) + " ";
    c.text("peers", px, py);
    c.field("ikev1", x.ikev1, y.ikev1);
    c.field("ikev2", x.ikev2, y.ikev2);
    compare_ike(c, "ikev1_proposals", x.ikev1_proposals, y.ikev1_proposals);
    compare_ike(c, "ikev2_proposals", x.ikev2_proposals, y.ikev2_proposals);
    compare_esp(c, "esp_v1", x.esp_v1, y.esp_v1);
    compare_esp(c, "esp_v2", x.esp_v2, y.esp_v2);
    c.text("pfs_group", x.pfs_group ? std::string(x.pfs_group->id) : "none", y.pfs_group ? std::string(y.pfs_group->id) : "none");
    c.field("lifetime_seconds", x.lifetime_seconds, y.lifetime_seconds);
    c.field("lifetime_kilobytes", x.lifetime_kilobytes, y.lifetime_kilobytes);
    std::string sx, sy;
    for (const SelectorPair& s : x.selectors) sx += selector(s.local) + ">" + selector(s.remote) + " ";
    for (const SelectorPair& s : y.selectors) sy += selector(s.local) + ">" + selector(s.remote) + " ";
    c.text("selectors", sx, sy);
    compare_key(c, "psk.ikev1", x.psk.ikev1, y.psk.ikev1);
    compare_key(c, "psk.ikev2_local", x.psk.ikev2_local, y.psk.ikev2_local);
    compare_key(c, "psk.ikev2_remote", x.psk.ikev2_remote, y.psk.ikev2_remote);
    c.field("psk.masked", x.psk.masked, y.psk.masked);
    c.field("psk.encrypted", x.psk.encrypted, y.psk.encrypted);
    c.field("dpd.enabled", x.dpd.enabled, y.dpd.enabled);
    if (x.dpd.enabled && y.dpd.enabled) {
      c.field("dpd.threshold_seconds", x.dpd.threshold_seconds, y.dpd.threshold_seconds);
      c.field("dpd.retry_seconds", x.dpd.retry_seconds, y.dpd.retry_seconds);
      c.field("dpd.reply_only", x.dpd.reply_only, y.dpd.reply_only);
    }
    c.text("connection_type", x.connection_type, y.connection_type);
    c.field("nat_t", x.nat_t, y.nat_t);
    c.text("local_identity", identity(x.local_identity), identity(y.local_identity));
    c.text("remote_identity", x.remote_identity ? identity(*x.remote_identity) : "any",
           y.remote_identity ? identity(*y.remote_identity) : "any");
  }
  return out;
}

std::string describe(const IntentDifference& d) {
  return (d.tunnel.empty() ? "" : d.tunnel + ": ") + d.field + ": " + d.a + " != " + d.b;
}

}  // namespace ikeshift::model
