#include "live/lab.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <regex>

#include "common/ipv4.h"

namespace ikeshift::live {

namespace {

std::atomic<unsigned> lab_counter{0};

std::string cidr(const LabAddress& a) { return format_ipv4(a.address) + "/" + std::to_string(a.prefix); }

void enable_forwarding(const std::string& ns) {
  run_in_namespace(ns, [&] {
    std::ofstream f("/proc/sys/net/ipv4/ip_forward");
    f << "1\n";
    if (!f.flush()) throw std::runtime_error("cannot enable IPv4 forwarding in " + ns);
  });
}

}  // namespace

std::string Lab::next_prefix() { return "ikc-" + std::to_string(::getpid()) + "-" + std::to_string(lab_counter++); }

void Lab::remove_stale_labs() { remove_stale_namespaces(std::regex(R"(ikc-(\d+)-\d+-[a-z])")); }

Lab::Lab(const LabPlan& plan) : plan_(plan) {
  if (!have_root()) throw std::runtime_error("the lab needs root (network namespaces); run as root");
  remove_stale_labs();
  try {
    for (const std::string& ns : plan.device_ns) namespaces_.push_back(std::make_unique<Namespace>(ns));
    if (plan.router_ns) {
      namespaces_.push_back(std::make_unique<Namespace>(*plan.router_ns));
      enable_forwarding(*plan.router_ns);
    }
    // Links are created from here straight into their namespaces; then each
    // namespace configures its side in one `ip -batch`.
    std::vector<std::string> links;
    for (const LabLink& l : plan.links) {
      links.push_back("link add " + l.a.name + " netns " + l.a.ns + " type veth peer name " + l.b.name + " netns " +
                      l.b.ns);
    }
    ip_batch("", links, "creating the lab's veth links");
    std::map<std::string, std::vector<std::string>> per_ns;
    if (plan.router_ns) {
      for (const LabBridge& b : plan.bridges) {
        per_ns[*plan.router_ns].push_back("link add " + b.name + " type bridge");
        per_ns[*plan.router_ns].push_back("addr add " + cidr(b.address) + " dev " + b.name);
        per_ns[*plan.router_ns].push_back("link set " + b.name + " up");
      }
    }
    for (const LabLink& l : plan.links) {
      for (const LabInterface* side : {&l.a, &l.b}) {
        auto& cmds = per_ns[side->ns];
        if (!side->bridge.empty()) cmds.push_back("link set " + side->name + " master " + side->bridge);
        if (side->address) cmds.push_back("addr add " + cidr(*side->address) + " dev " + side->name);
        cmds.push_back("link set " + side->name + " up");
      }
    }
    for (const auto& [ns, address] : plan.host_addresses) {
      per_ns[ns].push_back("addr add " + cidr(address) + " dev lo");
    }
    for (const LabRoute& r : plan.routes) {
      per_ns[r.ns].push_back("route add " + format_ipv4(r.destination) + "/" + std::to_string(r.prefix) + " via " +
                             format_ipv4(r.via));
    }
    for (const auto& [ns, cmds] : per_ns) ip_batch(ns, cmds, "configuring " + ns);
  } catch (...) {
    while (!namespaces_.empty()) namespaces_.pop_back();
    throw;
  }
}

Lab::~Lab() {
  while (!namespaces_.empty()) namespaces_.pop_back();
}

}  // namespace ikeshift::live
