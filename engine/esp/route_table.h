// The routes that send the remote protected networks into the TUN device,
// installed over rtnetlink (a small bounds-checked helper: there is no
// netlink library in the toolchain) and removed again by the destructor.
//
// Each crypto-ACL remote selector is an address range; it becomes the
// fewest CIDR prefixes that cover exactly that range.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/unique_fd.h"

namespace ikeshift::engine::esp {

struct Prefix {
  uint32_t address = 0;  // host order, network address
  int length = 0;
  bool operator==(const Prefix& o) const { return address == o.address && length == o.length; }
  bool operator<(const Prefix& o) const {
    return address != o.address ? address < o.address : length < o.length;
  }
};

// [first, last] as the minimal list of prefixes, in address order.
std::vector<Prefix> prefixes_of(uint32_t first, uint32_t last);
std::string to_string(const Prefix& p);  // "10.20.20.0/24"

class RouteTable {
 public:
  // Opens the rtnetlink socket; throws std::system_error.
  RouteTable();
  // Removes every route this object added (best effort).
  ~RouteTable();
  RouteTable(const RouteTable&) = delete;
  RouteTable& operator=(const RouteTable&) = delete;

  // `prefix` via interface `ifindex` (main table), with `source` as the
  // preferred source address when given. False with `why` on failure
  // (EEXIST: a route for the prefix exists already).
  bool add(const Prefix& prefix, int ifindex, std::optional<uint32_t> source, std::string& why);
  const std::vector<Prefix>& added() const { return added_; }

 private:
  bool request(uint16_t type, uint16_t flags, const Prefix& prefix, int ifindex, std::optional<uint32_t> source,
               std::string& why);

  io::UniqueFd fd_;
  uint32_t sequence_ = 1;
  std::vector<Prefix> added_;
  std::vector<int> ifindex_;
};

}  // namespace ikeshift::engine::esp
