#include "rtx/rtx_reader.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "RtxLexer.h"
#include "RtxParser.h"
#include "asa/top_level_commands.h"
#include "common/ipv4.h"
#include "common/line_stats.h"
#include "common/line_text.h"
#include "grammar/line_parser.h"
#include "grammar/parse_tree.h"

namespace ikeshift::rtx {

namespace {

using P = RtxParser;
using asa::iequals;
using asa::next_word;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// RTX commands outside the IPsec model (sorted; from the RTX command
// reference's chapter list and public configurations).
constexpr std::array<std::string_view, 58> kIgnored = {
    "account", "administrator", "alarm", "analog", "arp", "auth", "bgp", "bridge", "cloud",
    "console", "cooperation", "dashboard", "dhcp", "dns", "e-mail", "ethernet", "exit",
    "external-memory", "fast-path", "heartbeat2", "http", "httpd", "interface", "ipv6", "l2tp",
    "lan", "lan-map", "login", "lua", "mail", "nat", "netvolante-dns", "ntpdate", "ospf",
    "packet-buffer", "pp", "ppp", "pppoe", "pptp", "provider", "queue", "quit", "rip", "save",
    "schedule", "security", "sftpd", "snmp", "sntpd", "speed", "sshd", "statistics", "switch",
    "syslog", "telnetd", "timezone", "upnp", "user",
};

bool is_ignored(std::string_view w) {
  auto less = [](std::string_view a, std::string_view b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return lower(x) < lower(y); });
  };
  return std::binary_search(kIgnored.begin(), kIgnored.end(), w, less);
}

using grammar::number32;
using grammar::word;

class Reader {
 public:
  explicit Reader(const text::SourceText& src) : src_(src) {
    result_.categories.assign(src.line_count(), LineCategory::Unknown);
  }

  ParseResult run() {
    const uint32_t n = static_cast<uint32_t>(src_.line_count());
    for (uint32_t i = 0; i < n; ++i) line(i, src_.line(i));
    close_tunnel(n == 0 ? 0 : n - 1);
    tally();
    result_.stats.ll_fallbacks = parser_.ll_fallbacks();
    return std::move(result_);
  }

 private:
  RtxConfig& cfg() { return result_.config; }
  void set(uint32_t i, LineCategory c) {
    result_.categories[i] = c;
    if (current_ && c != LineCategory::Blank) current_tunnel().last_line = i;
  }
  void unknown(uint32_t i, SourceSpan span, std::string reason) {
    set(i, LineCategory::Unknown);
    result_.unknown.push_back({i, span, std::move(reason)});
  }
  TunnelIf& current_tunnel() { return cfg().tunnels[*current_]; }
  void close_tunnel(uint32_t) { current_.reset(); }

  void line(uint32_t i, std::string_view text) {
    if (is_blank_line(text)) {
      result_.categories[i] = LineCategory::Blank;
      return;
    }
    size_t pos = 0;
    const std::string_view w1 = next_word(text, pos);
    if (w1[0] == '#') {
      result_.categories[i] = LineCategory::Comment;
      return;
    }
    const size_t indent = text.find_first_not_of(" \t");
    if (iequals(w1, "ipsec") || iequals(w1, "tunnel") || iequals(w1, "ip") || iequals(w1, "no") ||
        iequals(w1, "description")) {
      parse(i, text);
      return;
    }
    if (is_ignored(w1)) {
      set(i, LineCategory::Ignored);
      return;
    }
    unknown(i, SourceSpan::at(i, static_cast<uint32_t>(indent), static_cast<uint32_t>(w1.size())),
            "'" + std::string(w1) + "' is not a Yamaha RTX command ikeshift knows");
  }

  void parse(uint32_t i, std::string_view text) {
    auto* root = parser_.parse(text, &P::rtx_line);
    if (root == nullptr) {
      const grammar::LineParseError& e = parser_.error();
      unknown(i, SourceSpan::at(i, static_cast<uint32_t>(e.column), static_cast<uint32_t>(e.length)), e.message);
      return;
    }
    auto* c = root->command();
    if (c->c_no() != nullptr) {
      set(i, LineCategory::Ignored);  // `no ...` removes a setting; show config never prints it
      return;
    }
    if (c->c_description() != nullptr) {
      set(i, LineCategory::FreeText);
      return;
    }
    if (auto* ip = c->c_ip_interface()) {
      if (ip->prefix == nullptr) {
        set(i, LineCategory::Ignored);  // ip route, ip filter, ip tunnel ...
        return;
      }
      const std::string p = ip->prefix->getText();
      const size_t slash = p.find('/');
      auto a = parse_ipv4(p.substr(0, slash));
      cfg().interface_addresses[ip->iface->getText()] = {a.value_or(0), static_cast<uint32_t>(std::stoul(p.substr(slash + 1)))};
      set(i, LineCategory::Modelled);
      return;
    }
    if (auto* t = c->c_tunnel()) {
      tunnel(i, t);
      return;
    }
    ipsec(i, c->c_ipsec());
  }

  void tunnel(uint32_t i, P::C_tunnelContext* t) {
    if (t->SELECT() != nullptr) {
      close_tunnel(i);
      if (t->NONE() != nullptr) {
        set(i, LineCategory::Modelled);
        return;
      }
      const uint32_t id = number32(t->tunnel_id);
      auto it = std::find_if(cfg().tunnels.begin(), cfg().tunnels.end(), [&](const TunnelIf& x) { return x.id == id; });
      if (it == cfg().tunnels.end()) {
        TunnelIf x;
        x.id = id;
        x.select_line = i;
        x.span = SourceSpan::whole_line(i, static_cast<uint32_t>(src_.line(i).size()));
        cfg().tunnels.push_back(x);
        it = cfg().tunnels.end() - 1;
      }
      current_ = static_cast<size_t>(it - cfg().tunnels.begin());
      set(i, LineCategory::Modelled);
      return;
    }
    if (t->ENABLE() != nullptr || t->DISABLE() != nullptr) {
      const uint32_t id = number32(t->tunnel_id);
      for (TunnelIf& x : cfg().tunnels)
        if (x.id == id) x.enabled = t->ENABLE() != nullptr;
      set(i, LineCategory::Modelled);
      return;
    }
    if (t->ENCAPSULATION() != nullptr && current_) {
      current_tunnel().encapsulation = word(t->encapsulation, i);
      set(i, LineCategory::Modelled);
      return;
    }
    set(i, LineCategory::Ignored);  // tunnel endpoint, tunnel backup, ...
  }

  Setting setting(uint32_t i, std::vector<Word> words) {
    Setting s;
    s.words = std::move(words);
    s.line = i;
    s.span = SourceSpan::whole_line(i, static_cast<uint32_t>(src_.line(i).size()));
    return s;
  }

  void ipsec(uint32_t i, P::C_ipsecContext* c) {
    if (c->ipsec_unmodelled() != nullptr || c->AUTO() != nullptr) {
      set(i, LineCategory::Ignored);
      return;
    }
    if (c->USE() != nullptr) {
      cfg().ipsec_use_off = iequals(c->switch_value->getText(), "off");
      set(i, LineCategory::Modelled);
      return;
    }
    if (c->POLICY() != nullptr) {
      SaPolicy p;
      p.id = number32(c->policy_id);
      p.gateway = number32(c->gateway);
      for (auto* v : c->esp_words) p.esp.push_back(word(v, i));
      p.line = i;
      p.span = SourceSpan::whole_line(i, static_cast<uint32_t>(src_.line(i).size()));
      cfg().sa_policies.push_back(std::move(p));
      set(i, LineCategory::Modelled);
      return;
    }
    if (c->TUNNEL() != nullptr) {
      if (!current_) {
        unknown(i, SourceSpan::whole_line(i, static_cast<uint32_t>(src_.line(i).size())),
                "`ipsec tunnel` outside a `tunnel select N` context");
        return;
      }
      current_tunnel().ipsec_policy = word(c->policy_id, i);
      set(i, LineCategory::Modelled);
      return;
    }
    auto* k = c->ike_command();
    if (k->ike_unmodelled() != nullptr) {
      set(i, LineCategory::Ignored);
      return;
    }
    Gateway& g = cfg().gateways[number32(k->gateway)];
    g.id = number32(k->gateway);
    g.lines.push_back(i);
    auto all = [&](const std::vector<P::VariableContext*>& v) {
      std::vector<Word> out;
      for (auto* x : v) out.push_back(word(x, i));
      return out;
    };
    if (k->VERSION() != nullptr) {
      g.version = setting(i, {word(k->ike_version, i)});
    } else if (k->PRE_SHARED_KEY() != nullptr) {
      g.pre_shared_key = setting(i, {word(k->key_form, i), word(k->key, i)});
    } else if (k->ENCRYPTION() != nullptr) {
      g.encryption = setting(i, all(k->algorithms));
    } else if (k->HASH() != nullptr) {
      g.hash = setting(i, all(k->algorithms));
    } else if (k->GROUP() != nullptr) {
      g.group = setting(i, all(k->groups));
    } else if (k->side != nullptr) {
      const bool local = k->side->getType() == P::LOCAL;
      if (k->ADDRESS() != nullptr) {
        (local ? g.local_address : g.remote_address) = setting(i, {word(k->address, i)});
      } else if (k->NAME() != nullptr) {
        std::vector<Word> w{word(k->id_name, i)};
        if (k->id_type != nullptr) w.push_back(word(k->id_type, i));
        (local ? g.local_name : g.remote_name) = setting(i, std::move(w));
      } else {
        (local ? g.local_id : g.remote_id) = setting(i, {word(k->id_prefix, i)});
      }
    } else if (k->KEEPALIVE() != nullptr) {
      std::vector<Word> w{word(k->switch_value, i)};
      for (auto* v : k->keepalive_args) w.push_back(word(v, i));
      g.keepalive = setting(i, std::move(w));
    } else if (k->PFS() != nullptr) {
      g.pfs = setting(i, {word(k->switch_value, i)});
    } else if (k->DURATION() != nullptr) {
      std::vector<Word> w{word(k->seconds, i)};
      if (k->kilobytes != nullptr) w.push_back(word(k->kilobytes, i));
      const size_t kind = k->sa_kind->getType();
      ((kind == P::IKE_SA || kind == P::ISAKMP_SA) ? g.ike_duration : g.child_duration) = setting(i, std::move(w));
    } else if (k->NAT_TRAVERSAL() != nullptr) {
      g.nat_traversal = setting(i, {word(k->switch_value, i)});
    } else if (k->PROPOSAL_LIMITATION() != nullptr) {
      g.proposal_limitation = setting(i, {word(k->switch_value, i)});
    } else {
      set(i, LineCategory::Ignored);  // always-on
      return;
    }
    set(i, LineCategory::Modelled);
  }

  void tally() {
    count_line_categories(result_.categories, result_.stats);
  }

  const text::SourceText& src_;
  ParseResult result_;
  grammar::LineParser<RtxLexer, RtxParser> parser_;
  std::optional<size_t> current_;  // index of the tunnel of the open `tunnel select`
};

}  // namespace

const Gateway* RtxConfig::gateway(uint32_t id) const {
  auto it = gateways.find(id);
  return it == gateways.end() ? nullptr : &it->second;
}

const SaPolicy* RtxConfig::sa_policy(uint32_t id) const {
  for (const SaPolicy& p : sa_policies)
    if (p.id == id) return &p;
  return nullptr;
}

ParseResult read_rtx(const text::SourceText& src) { return Reader(src).run(); }

}  // namespace ikeshift::rtx
