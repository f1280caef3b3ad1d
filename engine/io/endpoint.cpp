#include "io/endpoint.h"

#include <charconv>

#include "common/ipv4.h"

namespace ikeshift::engine::io {

std::string to_string(const Endpoint& e) {
  std::string out;
  append_endpoint(out, e);
  return out;
}

void append_endpoint(std::string& out, const Endpoint& e) {
  append_ipv4(out, e.address);
  char port[8];
  *port = ':';
  out.append(port, std::to_chars(port + 1, port + sizeof port, e.port).ptr);
}

}  // namespace ikeshift::engine::io
