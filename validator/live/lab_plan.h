// The lab `ikeshift check` builds, planned from the devices' intents alone
// (pure data, no system calls, so every decision is unit-testable without
// root): one network namespace per device with its crypto-map interfaces and
// addresses, a router namespace when the devices are not all on one subnet,
// test hosts for the protected networks of each crypto map entry (addresses on
// the device namespace's `lo`), and the probes that send traffic through every
// tunnel in both directions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/finding.h"
#include "model/intent.h"

namespace ikeshift::live {

struct LabDevice {
  std::string file;      // the configuration, as given
  model::Intent intent;  // derived from it (never re-read)
};

// One end of a point-to-point link or a bridge port.
struct LabAddress {
  uint32_t address = 0;
  uint8_t prefix = 0;  // mask length
};

struct LabInterface {
  std::string ns;      // namespace
  std::string name;    // kernel interface name (at most 15 characters)
  std::string nameif;  // the configuration's interface it stands for ("" on the router)
  std::optional<LabAddress> address;
  std::string bridge;  // router side: the bridge it is a port of ("" = none)
};

struct LabLink {  // a veth pair
  LabInterface a, b;
};

struct LabBridge {  // in the router namespace, for a subnet with several devices
  std::string name;
  LabAddress address;  // the router's address in that subnet
};

struct LabRoute {
  std::string ns;
  uint32_t destination = 0;
  uint8_t prefix = 0;  // 0 with destination 0: the default route
  uint32_t via = 0;
};

// Traffic that must pass one tunnel: from a protected host behind `device`
// to one behind its peer, as the crypto ACL line `selector` of the entry allows.
struct LabProbe {
  size_t device = 0;   // index into LabPlan::devices
  size_t tunnel = 0;   // index into that device's intent tunnels
  size_t selector = 0;  // index into the tunnel's selectors
  uint32_t source = 0, destination = 0;
  uint8_t protocol = 0;  // 0/1: ICMP echo; 6: TCP connect; 17: UDP datagram
  uint16_t port = 0;     // TCP/UDP destination port
};

// A crypto map entry of one device and its counterpart on the peer.
struct LabTunnelPair {
  size_t device = 0, tunnel = 0;            // the entry
  std::optional<size_t> peer_device;        // the device owning `set peer`'s address
  std::optional<size_t> peer_tunnel;        // the peer's entry pointing back at us
  std::string why_unpaired;                 // when either is missing, in words
};

struct LabPlan {
  std::string prefix;  // every name starts with it ("ikc-<pid>-<n>")
  std::vector<LabDevice> devices;
  std::vector<std::string> device_ns;  // one per device
  std::optional<std::string> router_ns;
  std::vector<LabLink> links;
  std::vector<LabBridge> bridges;
  std::vector<std::pair<std::string, LabAddress>> host_addresses;  // (ns, address on lo)
  std::vector<LabRoute> routes;
  std::vector<LabTunnelPair> pairs;
  std::vector<LabProbe> probes;
  std::vector<Finding> findings;  // why something cannot be tested, with spans

  bool has_errors() const;
};

// `prefix` must be short (interface names derive from it) and unique per run.
LabPlan plan_lab(std::vector<LabDevice> devices, const std::string& prefix);

// One line for the report: "2 device namespaces and a router: 192.168.1.0/24, 192.168.2.0/24".
std::string describe_topology(const LabPlan& plan);

// The address a lab gives to the protected network [first, last]: the first
// host of a subnet (network address + 1) or the single address of a host.
uint32_t lab_host_in(const model::AddressRange& range);

}  // namespace ikeshift::live
