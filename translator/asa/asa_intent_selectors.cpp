#include "asa/asa_intent_selectors.h"

#include <algorithm>
#include <optional>
#include <string>

#include "common/ipv4.h"
#include "model/asa_services.h"

namespace ikeshift::model::detail {

namespace {

using asa::AddressSpec;
using Ranges = std::vector<AddressRange>;

constexpr AddressRange kAnyAddress{0, 0xffffffffu};

struct PortRange {
  uint16_t first = 0;
  uint16_t last = 65535;
};

class AddressResolver {
 public:
  AddressResolver(const asa::AsaConfig& cfg, Diagnostics& diag) : cfg_(cfg), diag_(diag) {}

  // Appends the ranges `spec` stands for; false (with a finding) when it cannot.
  bool resolve(const AddressSpec& spec, Ranges& out) {
    switch (spec.kind) {
      case AddressSpec::Kind::Any:
        out.push_back(kAnyAddress);
        return true;
      case AddressSpec::Kind::Host: {
        const std::optional<uint32_t> a = address_of(spec);
        if (!a) return false;
        out.push_back({*a, *a});
        return true;
      }
      case AddressSpec::Kind::Subnet: return resolve_subnet(spec, out);
      case AddressSpec::Kind::Range:
        if (spec.a > spec.b) {
          diag_.error("INTENT-BAD-RANGE",
                      "address range " + format_ipv4(spec.a) + "-" + format_ipv4(spec.b) +
                          " ends before it starts",
                      "swap the two addresses", spec.span);
          return false;
        }
        out.push_back({spec.a, spec.b});
        return true;
      case AddressSpec::Kind::Object: return resolve_object(spec, out);
      case AddressSpec::Kind::ObjectGroup: return resolve_group(spec, out);
      case AddressSpec::Kind::Interface: return resolve_interface(spec, out);
      case AddressSpec::Kind::Fqdn:
        diag_.error("INTENT-FQDN-SELECTOR",
                    "FQDN '" + spec.name + "' cannot be a crypto traffic selector",
                    "use host, subnet or range addresses in crypto ACLs", spec.span);
        return false;
    }
    return false;
  }

 private:
  // A Host or Subnet operand written with a `name` alias carries the alias in
  // spec.name; its address comes from the `name` table, not from spec.a.
  std::optional<uint32_t> address_of(const AddressSpec& spec) {
    if (spec.name.empty()) return spec.a;
    if (const asa::NameEntry* n = cfg_.name_entry(spec.name)) return n->address;
    diag_.error("INTENT-UNDEFINED-NAME", "name '" + spec.name + "' is not defined",
                "add `name ADDRESS " + spec.name + "` or write the address", spec.span);
    return std::nullopt;
  }

  bool resolve_subnet(const AddressSpec& spec, Ranges& out) {
    const std::optional<uint32_t> a = address_of(spec);
    if (!a) return false;
    if (!mask_to_prefix(spec.b)) {
      diag_.error("INTENT-BAD-MASK",
                  "mask " + format_ipv4(spec.b) + " is not contiguous and cannot be a selector",
                  "use a contiguous netmask such as 255.255.255.0", spec.span);
      return false;
    }
    out.push_back({*a & spec.b, *a | ~spec.b});
    return true;
  }

  bool resolve_object(const AddressSpec& spec, Ranges& out) {
    const asa::NetworkObject* obj = cfg_.network_object(spec.name);
    if (obj == nullptr) {
      diag_.error("INTENT-UNDEFINED-OBJECT", "network object '" + spec.name + "' is not defined",
                  "define `object network " + spec.name + "` or fix the reference", spec.span);
      return false;
    }
    if (!obj->value) {
      diag_.error("INTENT-EMPTY-OBJECT", "network object '" + spec.name + "' has no address",
                  "add a host, subnet or range line to the object", obj->name.span);
      return false;
    }
    if (obj->value->kind == AddressSpec::Kind::Object ||
        obj->value->kind == AddressSpec::Kind::ObjectGroup) {
      // An object holds a literal value; a reference here would be a reader bug.
      diag_.error("INTENT-BAD-OBJECT", "network object '" + spec.name + "' does not hold an address",
                  "give the object a host, subnet or range", obj->name.span);
      return false;
    }
    return resolve(*obj->value, out);
  }

  bool resolve_group(const AddressSpec& spec, Ranges& out) {
    const asa::NetworkObjectGroup* group = cfg_.network_object_group(spec.name);
    if (group == nullptr) {
      diag_.error("INTENT-UNDEFINED-OBJECT-GROUP",
                  "network object-group '" + spec.name + "' is not defined",
                  "define `object-group network " + spec.name + "` or fix the reference",
                  spec.span);
      return false;
    }
    if (std::find(stack_.begin(), stack_.end(), spec.name) != stack_.end()) {
      diag_.error("INTENT-OBJECT-GROUP-CYCLE",
                  "object-group '" + spec.name + "' contains itself through group-object",
                  "remove the group-object line that closes the cycle", spec.span);
      return false;
    }
    if (group->members.empty()) {
      diag_.error("INTENT-EMPTY-OBJECT-GROUP", "object-group '" + spec.name + "' has no members",
                  "add network-object lines to the group", group->name.span);
      return false;
    }
    stack_.push_back(spec.name);
    bool ok = true;
    for (const AddressSpec& member : group->members) ok = resolve(member, out) && ok;
    stack_.pop_back();
    return ok;
  }

  bool resolve_interface(const AddressSpec& spec, Ranges& out) {
    const asa::Interface* iface = cfg_.interface_by_nameif(spec.name);
    if (iface == nullptr || !iface->address) {
      diag_.error("INTENT-UNDEFINED-INTERFACE",
                  "interface '" + spec.name + "' has no IPv4 address in this configuration",
                  "use the address instead of `interface " + spec.name + "`", spec.span);
      return false;
    }
    out.push_back({*iface->address, *iface->address});
    return true;
  }

  const asa::AsaConfig& cfg_;
  Diagnostics& diag_;
  std::vector<std::string> stack_;  // object-groups being expanded, for cycle detection
};

std::optional<uint16_t> port_or_report(const std::string& word, const text::SourceSpan& span,
                                       Diagnostics& diag) {
  if (auto p = asa_port_number(word)) return p;
  diag.error("INTENT-UNKNOWN-PORT", "port '" + word + "' is not a number or a known ASA port name",
             "write the port number", span);
  return std::nullopt;
}

// The ranges a port operand allows; `neq` needs two. False (with a finding) when unresolvable.
bool port_ranges(const asa::PortSpec& spec, const text::SourceSpan& span, Diagnostics& diag,
                 std::vector<PortRange>& out) {
  const std::optional<uint16_t> low = port_or_report(spec.low, span, diag);
  if (!low) return false;
  switch (spec.op) {
    case asa::PortSpec::Op::Eq: out.push_back({*low, *low}); return true;
    case asa::PortSpec::Op::Lt:
      if (*low == 0) break;
      out.push_back({0, static_cast<uint16_t>(*low - 1)});
      return true;
    case asa::PortSpec::Op::Gt:
      if (*low == 65535) break;
      out.push_back({static_cast<uint16_t>(*low + 1), 65535});
      return true;
    case asa::PortSpec::Op::Neq:
      if (*low > 0) out.push_back({0, static_cast<uint16_t>(*low - 1)});
      if (*low < 65535) out.push_back({static_cast<uint16_t>(*low + 1), 65535});
      return true;
    case asa::PortSpec::Op::Range: {
      const std::optional<uint16_t> high = port_or_report(spec.high, span, diag);
      if (!high) return false;
      if (*low > *high) break;
      out.push_back({*low, *high});
      return true;
    }
  }
  diag.error("INTENT-EMPTY-PORT-RANGE", "the port condition matches no port",
             "fix the port operator or numbers", span);
  return false;
}

// Ports of one side: the whole range when the line names none.
bool side_ports(const std::optional<asa::PortSpec>& spec, uint8_t protocol,
                const asa::AclEntry& entry, Diagnostics& diag, std::vector<PortRange>& out) {
  if (!spec) {
    out.push_back({});
    return true;
  }
  if (!protocol_has_ports(protocol)) {
    // For ICMP this is the type/code; ASA selectors for it are not modelled yet.
    diag.warning("INTENT-PORT-IGNORED",
                 "the port or type condition on protocol '" + entry.protocol.text +
                     "' is not part of the traffic selector",
                 "the tunnel covers the whole protocol", entry.span);
    out.push_back({});
    return true;
  }
  return port_ranges(*spec, entry.span, diag, out);
}

}  // namespace

std::vector<SelectorPair> derive_selectors(const asa::AsaConfig& cfg, const asa::AccessList& acl,
                                           Diagnostics& diag) {
  std::vector<SelectorPair> pairs;
  AddressResolver resolver(cfg, diag);
  for (const asa::AclEntry& entry : acl.entries) {
    if (entry.inactive) continue;  // the ASA ignores inactive lines entirely
    if (!entry.permit) {
      diag.info("INTENT-ACL-DENY",
                "deny line in crypto ACL '" + acl.name + "' exempts traffic; it is not a selector",
                "", entry.span);
      continue;
    }
    if (entry.protocol_is_group) {
      diag.error("INTENT-SERVICE-GROUP",
                 "service object-group '" + entry.protocol.text +
                     "' in crypto ACL '" + acl.name + "' cannot be expanded",
                 "write the protocol and ports on the ACL line", entry.span);
      continue;
    }
    const std::optional<uint8_t> protocol = asa_protocol_number(entry.protocol.text);
    if (!protocol) {
      diag.error("INTENT-UNKNOWN-PROTOCOL", "protocol '" + entry.protocol.text + "' is not known",
                 "write the protocol number", entry.protocol.span);
      continue;
    }
    Ranges local, remote;
    std::vector<PortRange> local_ports, remote_ports;
    bool ok = resolver.resolve(entry.source, local);
    ok = resolver.resolve(entry.destination, remote) && ok;
    ok = side_ports(entry.source_port, *protocol, entry, diag, local_ports) && ok;
    ok = side_ports(entry.destination_port, *protocol, entry, diag, remote_ports) && ok;
    if (!ok) continue;
    for (const AddressRange& l : local) {
      for (const PortRange& lp : local_ports) {
        for (const AddressRange& r : remote) {
          for (const PortRange& rp : remote_ports) {
            SelectorPair p;
            p.local = TrafficSelector{l, *protocol, lp.first, lp.last};
            p.remote = TrafficSelector{r, *protocol, rp.first, rp.last};
            p.span = entry.span;
            pairs.push_back(p);
          }
        }
      }
    }
  }
  return pairs;
}

}  // namespace ikeshift::model::detail
