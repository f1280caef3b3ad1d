#include "live/lab_plan.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "common/ipv4.h"
#include "translate/writer.h"

namespace ikeshift::live {

namespace {

// Kernel interface names: at most 15 characters, no '/' or blanks.
std::string interface_name(const std::string& wanted) {
  std::string n;
  for (char c : wanted) {
    if (n.size() == 15) break;
    n += (c == '/' || c == ' ' || c == '\t' || c == ':') ? '-' : c;
  }
  return n.empty() ? "if" : n;
}

class Planner {
 public:
  Planner(LabPlan& plan) : p_(plan) {}

  void run() {
    for (size_t i = 0; i < p_.devices.size(); ++i) {
      p_.device_ns.push_back(p_.prefix + "-" + static_cast<char>('a' + i));
    }
    collect_interfaces();
    build_networks();
    pair_tunnels();
    plan_probes();
  }

 private:
  struct Port {  // a device interface that carries crypto map traffic
    size_t device;
    std::string nameif;
    uint32_t address, mask;
    uint8_t prefix;
  };

  void finding(Severity s, const std::string& code, size_t device, const text::SourceSpan& span, std::string message,
               std::string hint) {
    Finding f;
    f.severity = s;
    f.code = code;
    f.message = std::move(message);
    f.hint = std::move(hint);
    f.where = FindingLocation{p_.devices[device].file, span};
    p_.findings.push_back(std::move(f));
  }

  // The interfaces the tunnels leave from, with their addresses. An ASA or IOS
  // crypto map is bound to an interface with an `ip address`; an RTX gateway
  // may name only its `ipsec ike local address`, and a swanctl.conf connection
  // only its local_addrs: then the configured address is the port, on the
  // subnet of another device's interface that holds it (else a /24).
  void collect_interfaces() {
    struct Unbound {
      size_t device;
      const model::Tunnel* tunnel;
    };
    std::vector<Unbound> unbound;
    for (size_t d = 0; d < p_.devices.size(); ++d) {
      const model::Intent& in = p_.devices[d].intent;
      std::set<std::string> seen;
      for (const model::Tunnel& t : in.tunnels) {
        const model::Interface* iface = t.local_interface.empty() ? nullptr : in.interface(t.local_interface);
        if (iface == nullptr && t.local_address) {
          unbound.push_back(Unbound{d, &t});
          continue;
        }
        if (t.local_interface.empty() || !seen.insert(t.local_interface).second) continue;
        if (iface == nullptr) {
          finding(Severity::Error, "CHECK-NO-INTERFACE-ADDRESS", d, t.span,
                  translate::tunnel_label(in, t) + " is bound to interface " + t.local_interface +
                      ", which has no IPv4 address",
                  "give the interface " + t.local_interface + " an IPv4 address");
          continue;
        }
        std::optional<int> prefix = mask_to_prefix(iface->mask);
        if (!prefix) {
          finding(Severity::Error, "CHECK-BAD-MASK", d, iface->span,
                  "interface " + iface->name + " has a non-contiguous mask " + format_ipv4(iface->mask),
                  "use a contiguous netmask");
          continue;
        }
        ports_.push_back(Port{d, iface->name, iface->address, iface->mask, static_cast<uint8_t>(*prefix)});
      }
    }
    for (const Unbound& u : unbound) add_configured_address(u.device, *u.tunnel);
    for (size_t d = 0; d < p_.devices.size(); ++d) {
      if (std::none_of(ports_.begin(), ports_.end(), [d](const Port& p) { return p.device == d; })) {
        const model::Intent& in = p_.devices[d].intent;
        finding(Severity::Error, "CHECK-NO-TUNNEL", d, {},
                (in.device.empty() ? p_.devices[d].file : in.device) +
                    " has no tunnel with a local IPv4 address: nothing to bring up",
                "bind the crypto map to an addressed interface (ASA/IOS), give the tunnel `ipsec ike local address` "
                "(RTX) or the connection local_addrs (swanctl.conf)");
      }
    }
  }

  void add_configured_address(size_t d, const model::Tunnel& t) {
    const uint32_t address = *t.local_address;
    for (const Port& p : ports_)
      if (p.device == d && p.address == address) return;  // several tunnels from one address: one port
    uint32_t mask = t.local_netmask.value_or(0);
    std::optional<int> prefix = t.local_netmask ? mask_to_prefix(mask) : std::nullopt;
    if (!prefix) {
      // No mask in the configuration: share the subnet of a port that holds
      // this address, else stand alone on a /24 (the router joins the rest).
      prefix = 24;
      for (const Port& p : ports_) {
        if (p.device != d && (address & p.mask) == (p.address & p.mask)) {
          prefix = p.prefix;
          break;
        }
      }
      mask = *prefix == 0 ? 0 : 0xffffffffu << (32 - *prefix);
      const model::Intent& in = p_.devices[d].intent;
      finding(Severity::Info, "CHECK-ASSUMED-SUBNET", d,
              t.spans.local_address.valid() ? t.spans.local_address : t.span,
              translate::tunnel_label(in, t) + " names its local address " + format_ipv4(address) +
                  " without a netmask; the lab puts it on " + format_ipv4(address & mask) + "/" +
                  std::to_string(*prefix),
              "");
    }
    // Named after the swanctl.conf connection, else `outside`; a second
    // address of the same device gets its own name (one namespace, two links).
    const std::string wanted = t.local_interface.empty() ? "outside" : t.local_interface;
    std::string name = wanted;
    for (int n = 2; std::any_of(ports_.begin(), ports_.end(),
                                [&](const Port& p) { return p.device == d && p.nameif == name; });
         ++n) {
      name = wanted + std::to_string(n);
    }
    ports_.push_back(Port{d, name, address, mask, static_cast<uint8_t>(*prefix)});
  }

  static uint32_t network_of(const Port& p) { return p.address & p.mask; }

  // Direct veth when two devices share one subnet; otherwise a router
  // namespace with one leg (or bridge) per subnet and routes through it.
  void build_networks() {
    std::map<std::pair<uint32_t, uint8_t>, std::vector<size_t>> subnets;  // -> indexes into ports_
    for (size_t k = 0; k < ports_.size(); ++k) subnets[{network_of(ports_[k]), ports_[k].prefix}].push_back(k);
    if (subnets.empty()) return;
    if (subnets.size() == 1 && subnets.begin()->second.size() == 2 && p_.devices.size() == 2) {
      const Port& a = ports_[subnets.begin()->second[0]];
      const Port& b = ports_[subnets.begin()->second[1]];
      if (a.device != b.device) {
        p_.links.push_back(LabLink{device_side(a), device_side(b)});
        return;
      }
    }
    p_.router_ns = p_.prefix + "-r";
    size_t n = 0;
    std::map<std::pair<uint32_t, uint8_t>, uint32_t> gateway;
    for (const auto& [subnet, members] : subnets) {
      std::optional<uint32_t> gw = free_host(subnet.first, subnet.second, members);
      const Port& first = ports_[members.front()];
      if (!gw) {
        finding(Severity::Error, "CHECK-NO-ROOM-FOR-ROUTER", first.device, {},
                "the lab needs a router address in " + format_ipv4(subnet.first) + "/" +
                    std::to_string(subnet.second) + ", and that subnet has no free host address",
                "the devices of this check must share one subnet, or sit on subnets with a spare address");
        continue;
      }
      gateway[subnet] = *gw;
      std::string bridge;
      if (members.size() > 1) {
        bridge = "br" + std::to_string(n);
        p_.bridges.push_back(LabBridge{bridge, LabAddress{*gw, subnet.second}});
      }
      for (size_t k : members) {
        const Port& port = ports_[k];
        LabInterface r;
        r.ns = *p_.router_ns;
        r.name = interface_name(std::string(1, static_cast<char>('a' + port.device)) + "-" + port.nameif);
        r.bridge = bridge;
        if (bridge.empty()) r.address = LabAddress{*gw, subnet.second};
        p_.links.push_back(LabLink{device_side(port), r});
      }
      ++n;
    }
    // Every device reaches every other subnet through the router.
    for (size_t d = 0; d < p_.devices.size(); ++d) {
      const Port* own = nullptr;
      for (const Port& p : ports_) {
        if (p.device == d) {
          own = &p;
          break;
        }
      }
      if (own == nullptr) continue;
      auto gw = gateway.find({network_of(*own), own->prefix});
      if (gw == gateway.end()) continue;
      for (const auto& [subnet, members] : subnets) {
        bool local = std::any_of(members.begin(), members.end(), [&](size_t k) { return ports_[k].device == d; });
        if (!local) p_.routes.push_back(LabRoute{p_.device_ns[d], subnet.first, subnet.second, gw->second});
      }
    }
  }

  LabInterface device_side(const Port& p) const {
    LabInterface i;
    i.ns = p_.device_ns[p.device];
    i.name = interface_name(p.nameif);
    i.nameif = p.nameif;
    i.address = LabAddress{p.address, p.prefix};
    return i;
  }

  std::optional<uint32_t> free_host(uint32_t network, uint8_t prefix, const std::vector<size_t>& members) const {
    if (prefix >= 31) return std::nullopt;
    uint32_t broadcast = network | (prefix == 0 ? 0xffffffffu : (0xffffffffu >> prefix));
    for (uint32_t a = network + 1; a < broadcast; ++a) {
      bool used = std::any_of(members.begin(), members.end(), [&](size_t k) { return ports_[k].address == a; });
      if (!used) return a;
    }
    return std::nullopt;
  }

  std::optional<size_t> device_with_address(uint32_t address, size_t except) const {
    for (const Port& p : ports_) {
      if (p.device != except && p.address == address) return p.device;
    }
    return std::nullopt;
  }

  void pair_tunnels() {
    for (size_t d = 0; d < p_.devices.size(); ++d) {
      const model::Intent& in = p_.devices[d].intent;
      for (size_t t = 0; t < in.tunnels.size(); ++t) {
        const model::Tunnel& tun = in.tunnels[t];
        LabTunnelPair pair;
        pair.device = d;
        pair.tunnel = t;
        if (!tun.local_address || tun.peers.empty()) {
          pair.why_unpaired = translate::tunnel_label(in, tun) + " has no local address or no peer";
          p_.pairs.push_back(std::move(pair));
          continue;
        }
        pair.peer_device = device_with_address(tun.peers.front(), d);
        if (!pair.peer_device) {
          pair.why_unpaired = "its peer " + format_ipv4(tun.peers.front()) + " is none of the configurations checked";
        } else {
          const model::Intent& peer = p_.devices[*pair.peer_device].intent;
          for (size_t u = 0; u < peer.tunnels.size(); ++u) {
            const auto& pp = peer.tunnels[u].peers;
            if (std::find(pp.begin(), pp.end(), *tun.local_address) != pp.end()) {
              pair.peer_tunnel = u;
              break;
            }
          }
          if (!pair.peer_tunnel) {
            pair.why_unpaired = (peer.device.empty() ? p_.devices[*pair.peer_device].file : peer.device) +
                                " has no tunnel whose peer is " + format_ipv4(*tun.local_address);
          }
        }
        if (!pair.why_unpaired.empty()) {
          finding(Severity::Warning, "CHECK-UNPAIRED-ENTRY", d, tun.span,
                  translate::tunnel_label(in, tun) + " cannot be tested: " + pair.why_unpaired,
                  "check the peer's configuration too, or leave this entry out of the check");
        }
        p_.pairs.push_back(std::move(pair));
      }
    }
  }

  void plan_probes() {
    std::set<std::pair<size_t, uint32_t>> hosts;
    for (const LabTunnelPair& pair : p_.pairs) {
      if (!pair.peer_tunnel) continue;
      const model::Tunnel& t = p_.devices[pair.device].intent.tunnels[pair.tunnel];
      for (size_t k = 0; k < t.selectors.size(); ++k) {
        const model::SelectorPair& s = t.selectors[k];
        if (is_any(s.local.addresses) || is_any(s.remote.addresses)) {
          finding(Severity::Warning, "CHECK-ANY-SELECTOR", pair.device, s.span,
                  "the crypto ACL line matches any address; the lab cannot pick a test host for it",
                  "crypto ACLs should name the protected networks");
          continue;
        }
        uint8_t proto = s.local.protocol;
        if (proto != 0 && proto != 1 && proto != 6 && proto != 17) {
          finding(Severity::Info, "CHECK-NO-PROBE", pair.device, s.span,
                  "no test traffic for IP protocol " + std::to_string(proto) + " (the lab sends ICMP, TCP and UDP)",
                  "");
          continue;
        }
        LabProbe probe;
        probe.device = pair.device;
        probe.tunnel = pair.tunnel;
        probe.selector = k;
        probe.source = lab_host_in(s.local.addresses);
        probe.destination = lab_host_in(s.remote.addresses);
        probe.protocol = proto == 1 ? 0 : proto;
        probe.port = (proto == 6 || proto == 17) ? (s.remote.port_first != 0 ? s.remote.port_first : uint16_t{7}) : 0;
        if (hosts.insert({pair.device, probe.source}).second) {
          p_.host_addresses.push_back({p_.device_ns[pair.device], LabAddress{probe.source, 32}});
        }
        p_.probes.push_back(probe);
      }
    }
  }

  static bool is_any(const model::AddressRange& r) { return r.first == 0 && r.last == 0xffffffffu; }

  LabPlan& p_;
  std::vector<Port> ports_;
};

}  // namespace

bool LabPlan::has_errors() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::Error; });
}

uint32_t lab_host_in(const model::AddressRange& range) {
  // A subnet (more than two addresses) starts with its network address.
  return range.last - range.first >= 2 ? range.first + 1 : range.first;
}

LabPlan plan_lab(std::vector<LabDevice> devices, const std::string& prefix) {
  LabPlan plan;
  plan.prefix = prefix;
  plan.devices = std::move(devices);
  Planner(plan).run();
  return plan;
}

std::string describe_topology(const LabPlan& p) {
  std::ostringstream o;
  o << p.devices.size() << " device namespaces" << (p.router_ns ? " and a router" : ", one link");
  std::vector<std::string> nets;
  for (const LabLink& l : p.links) {
    if (!l.a.address) continue;
    uint32_t mask = l.a.address->prefix == 0 ? 0 : ~uint32_t{0} << (32 - l.a.address->prefix);
    std::string net = format_ipv4(l.a.address->address & mask) + "/" + std::to_string(l.a.address->prefix);
    if (std::find(nets.begin(), nets.end(), net) == nets.end()) nets.push_back(net);
  }
  for (size_t i = 0; i < nets.size(); ++i) o << (i == 0 ? ": " : ", ") << nets[i];
  return o.str();
}

}  // namespace ikeshift::live
